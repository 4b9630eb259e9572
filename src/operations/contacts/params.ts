/**
 * Parameter rows shared by the message-contact operations. An empty value (`Name=`) of a parameter whose
 * operation documents MissingParameter.<Name> counts as missing (`emptyIsMissing`); elsewhere it is judged
 * by the value checks.
 */
import {
  MESSAGE_TYPES,
  TITLES,
  emailLengthValid,
  emailShapeValid,
  memberKindOf,
  nameCharactersValid,
  nameLengthValid,
  phoneCountryAllowed,
  phoneShapeValid,
} from '../../domain/contact-rules.js';
import { idPattern } from '../../ids.js';
import { defineParam, type Check, type ParamSpec } from '../operation.js';

type Required = ParamSpec['required'];

function notEmpty(name: string): Check<string> {
  return { code: `MissingParameter.${name}`, rule: 'not empty', test: (v) => v !== '' };
}

/** `(v) => v === '' || test(v)` when an empty value is left to the MissingParameter check. */
function orEmpty(emptyIsMissing: boolean, test: (v: string) => boolean): (v: string) => boolean {
  return emptyIsMissing ? (v) => v === '' || test(v) : test;
}

/** How an operation takes a contact field: documented required or not, and whether an empty value counts as missing. */
interface FieldOptions<R extends Required> {
  required: R;
  emptyIsMissing: boolean;
  /** Replaces the row's general description where the operation gives the field its own meaning. */
  doc?: string;
}

export function contactIdParam<const R extends Required>({ required, emptyIsMissing = true, doc = 'The ID of the contact (`c-` + 16 letters or digits).' }: Partial<FieldOptions<R>> & { required: R }) {
  return defineParam({
    name: 'ContactId',
    type: 'string',
    required,
    doc,
    checks: [
      ...(emptyIsMissing ? [notEmpty('ContactId')] : []),
      { code: 'InvalidParameter.ContactId', rule: '`c-` followed by 16 letters or digits', test: orEmpty(emptyIsMissing, (v) => idPattern.contact.test(v)) },
    ],
  });
}

export function nameParam<const R extends Required>({ required, emptyIsMissing }: FieldOptions<R>) {
  return defineParam({
    name: 'Name',
    type: 'string',
    required,
    doc: 'The name of the contact, unique in the resource directory.',
    checks: [
      ...(emptyIsMissing ? [notEmpty('Name')] : []),
      { code: 'InvalidParameter.Name', rule: 'each character a Latin letter or a CJK ideograph', test: (v: string) => nameCharactersValid(v) },
      { code: 'InvalidParameter.Name.Length', rule: '2 to 12 characters (code points)', test: orEmpty(emptyIsMissing, nameLengthValid) },
    ],
  });
}

/** `withLength`: the operation documents InvalidParameter.EmailAddress.Length. */
export function emailParam<const R extends Required>({ required, emptyIsMissing, withLength, doc }: FieldOptions<R> & { withLength: boolean }) {
  return defineParam({
    name: 'EmailAddress',
    type: 'string',
    required,
    doc: doc ?? 'An email address `local@domain`; it takes effect once verified.',
    checks: [
      ...(emptyIsMissing ? [notEmpty('EmailAddress')] : []),
      { code: 'InvalidParameter.EmailAddress', rule: 'dot-atom local part `@` a domain of two or more labels', test: orEmpty(emptyIsMissing, emailShapeValid) },
      ...(withLength ? [{ code: 'InvalidParameter.EmailAddress.Length', rule: 'at most 254 characters', test: emailLengthValid } as const] : []),
    ],
  });
}

export function phoneParam<const R extends Required>({ required, emptyIsMissing, doc }: FieldOptions<R>) {
  return defineParam({
    name: 'PhoneNumber',
    type: 'string',
    required,
    doc: doc ?? 'A mobile number `<country code>-<number>`, e.g. `86-13900001234`; it takes effect once verified.',
    checks: [
      ...(emptyIsMissing ? [notEmpty('PhoneNumber')] : []),
      {
        code: 'InvalidParameter.PhoneNumber',
        rule: '`<country code>-<4 to 15 digits>`; for 86, `1` and 10 digits',
        test: (v: string, _p, ctx) => (emptyIsMissing && v === '') || phoneShapeValid(v, ctx.config.phoneCountryCodes),
      },
      {
        code: 'InvalidParameter.MobileCountryCode',
        rule: 'country code accepted by this site (RDC_PHONE_COUNTRY_CODES, default 86)',
        test: (v: string, _p, ctx) => phoneCountryAllowed(v, ctx.config.phoneCountryCodes),
      },
    ],
  });
}

export function titleParam<const R extends Required>({ required, emptyIsMissing }: FieldOptions<R>) {
  return defineParam({
    name: 'Title',
    type: 'string',
    required,
    doc: 'The job title of the contact.',
    checks: [
      ...(emptyIsMissing ? [notEmpty('Title')] : []),
      { code: 'InvalidParameter.Title', rule: `one of ${TITLES.join(', ')}`, test: orEmpty(emptyIsMissing, (v) => (TITLES as readonly string[]).includes(v)) },
    ],
  });
}

export function messageTypesParam<const R extends Required>({ required }: { required: R }) {
  return defineParam({
    name: 'MessageTypes',
    type: 'array',
    required,
    doc: 'The types of messages the contact receives (`MessageTypes.N`); repeated values count once.',
    checks: [
      {
        code: 'InvalidParameter.MessageTypes',
        rule: `each one of ${MESSAGE_TYPES.join(', ')}`,
        test: (v: string[]) => v.every((t) => (MESSAGE_TYPES as readonly string[]).includes(t)),
      },
    ],
  });
}

/** Members.N of AssociateMembers / DisassociateMembers: 1 to 5 distinct IDs of the directory, folders or accounts. */
export function membersParam() {
  return defineParam({
    name: 'Members',
    type: 'array',
    required: 'effectively',
    missingError: 'InvalidParameter.Members',
    doc: 'IDs of the resource directory (`rd-`), the Root folder (`r-`), folders (`fd-`) or member accounts (16 digits), 1 to 5 (`Members.N`).',
    checks: [
      { code: 'InvalidParameter.Members', rule: 'each an `rd-`, `r-`, `fd-` or 16-digit account ID', test: (v: string[]) => v.every((id) => memberKindOf(id) !== undefined) },
      { code: 'InvalidParameter.Members.Duplicate', rule: 'no ID twice', test: (v: string[]) => new Set(v).size === v.length },
      { code: 'InvalidParameter.Members.Length', rule: 'at most 5 IDs', test: (v: string[]) => v.length <= 5 },
    ],
  });
}
