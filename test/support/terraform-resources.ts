/**
 * The four Resource Directory resources of the Terraform alicloud provider, call for call as its code makes
 * them (/work/notes/issue15-terraform.md §1): create, read (refresh, plan and import), update, delete, with
 * the products, versions, bodies, pagination and state waits of the provider. Reads answer the Terraform
 * state the provider would record; the provider's waits poll here every 50 ms instead of every 5 s.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { HandClientError } from './hand-signed.js';
import { flatList, flatTags, type ProviderClient } from './terraform.js';

export interface DirectoryConfig {
  member_deletion_status?: string;
  member_account_display_name_sync_status?: string;
}
export interface FolderConfig {
  folder_name: string;
  parent_folder_id?: string;
  tags?: Record<string, string>;
}
export interface AccountConfig {
  display_name: string;
  folder_id?: string;
  account_name_prefix?: string;
  payer_account_id?: string;
  type?: string;
  tags?: Record<string, string>;
  force_delete?: boolean;
}
export interface ContactConfig {
  email_address: string;
  message_contact_name: string;
  message_types: string[];
  phone_number?: string;
  title: string;
}

const REGION = 'cn-hangzhou';

/** Keys the provider neither reads nor removes. */
const ignoredKey = (key: string) => /^(aliyun|acs:|https?:\/\/)/.test(key);

/** The provider's StateChangeConf: poll until the field is one of `target`, fail on `failed`. */
async function waitFor(refresh: () => Promise<string>, target: string[], failed: string[] = [], timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await refresh();
    if (target.includes(state)) return state;
    if (failed.includes(state)) throw new Error(`unexpected state ${state}`);
    if (Date.now() > deadline) throw new Error(`timeout waiting for ${target.join('/')}; last state ${state}`);
    await sleep(50);
  }
}

export class TerraformProvider {
  constructor(readonly client: ProviderClient) {}

  private rm(action: string, body: Record<string, string> = {}) {
    return this.client.rpcPost('ResourceManager', action, body);
  }
  private rdm(action: string, body: Record<string, string> = {}) {
    return this.client.rpcPost('ResourceDirectoryMaster', action, body);
  }

  // --- tags (ResourceManagerServiceV2.SetResourceTags and the ListTagResources loops) ---

  private async setTags(resourceType: 'Folder' | 'Account', id: string, oldTags: Record<string, string>, newTags: Record<string, string>): Promise<void> {
    const removed = Object.keys(oldTags).filter((k) => !ignoredKey(k) && (!(k in newTags) || newTags[k] !== oldTags[k]));
    if (removed.length > 0) await this.rdm('UntagResources', { 'ResourceId.1': id, ResourceType: resourceType, ...flatList('TagKey', removed) });
    if (Object.keys(newTags).length > 0) await this.rdm('TagResources', { 'ResourceId.1': id, ResourceType: resourceType, ...flatTags('Tag', newTags) });
  }

  private async listTags(product: 'ResourceManager' | 'ResourceDirectoryMaster', resourceType: string, id: string): Promise<Record<string, string>> {
    const tags: Record<string, string> = {};
    let nextToken: string | undefined;
    for (;;) {
      const body: Record<string, string> = { 'ResourceId.1': id, ResourceType: resourceType, ...(nextToken !== undefined ? { NextToken: nextToken } : {}) };
      const page = await this.client.rpcPost(product, 'ListTagResources', body);
      if (!Array.isArray(page.TagResources)) throw new Error('TagResources is not an array');
      for (const t of page.TagResources) if (!ignoredKey(t.TagKey)) tags[t.TagKey] = t.TagValue;
      if (page.NextToken === undefined || page.NextToken === null) return tags;
      nextToken = page.NextToken;
    }
  }

  // --- alicloud_resource_manager_resource_directory ---

  async createDirectory(config: DirectoryConfig): Promise<{ id: string; state: Record<string, string> }> {
    const init = await this.rm('InitResourceDirectory');
    const id = String(init.ResourceDirectory.ResourceDirectoryId);
    return { id, state: await this.updateDirectory(id, {}, config, true) };
  }

  async readDirectory(): Promise<Record<string, string>> {
    const rd = (await this.rdm('GetResourceDirectory')).ResourceDirectory;
    if (typeof rd.ControlPolicyStatus !== 'string') throw new Error('ControlPolicyStatus is not a string');
    return {
      create_time: rd.CreateTime,
      master_account_id: rd.MasterAccountId,
      master_account_name: rd.MasterAccountName,
      member_account_display_name_sync_status: rd.MemberAccountDisplayNameSyncStatus,
      member_deletion_status: rd.MemberDeletionStatus,
      root_folder_id: rd.RootFolderId,
      status: rd.ControlPolicyStatus,
    };
  }

  async updateDirectory(_id: string, old: DirectoryConfig, config: DirectoryConfig, isNew = false): Promise<Record<string, string>> {
    const changed = (k: keyof DirectoryConfig) => config[k] !== undefined && (isNew || config[k] !== old[k]);
    if (changed('member_deletion_status')) await this.rm('SetMemberDeletionPermission', { Status: config.member_deletion_status! });
    if (changed('member_account_display_name_sync_status')) await this.rdm('SetMemberDisplayNameSyncStatus', { Status: config.member_account_display_name_sync_status! });
    return this.readDirectory();
  }

  async deleteDirectory(): Promise<void> {
    try {
      await this.rm('DestroyResourceDirectory');
    } catch (err) {
      if (!(err instanceof HandClientError && (err.statusCode === 404 || /NotFound/.test(err.data?.Message ?? '')))) throw err;
    }
  }

  // --- alicloud_resource_manager_folder ---

  async createFolder(config: FolderConfig): Promise<{ id: string; state: Record<string, unknown> }> {
    const created = await this.rm('CreateFolder', { FolderName: config.folder_name, ...(config.parent_folder_id ? { ParentFolderId: config.parent_folder_id } : {}) });
    const id = String(created.Folder.FolderId);
    if (config.tags) await this.setTags('Folder', id, {}, config.tags);
    return { id, state: await this.readFolder(id) };
  }

  async readFolder(id: string): Promise<Record<string, unknown>> {
    const folder = (await this.rm('GetFolder', { FolderId: id })).Folder;
    return {
      create_time: folder.CreateTime,
      folder_name: folder.FolderName,
      parent_folder_id: folder.ParentFolderId,
      tags: await this.listTags('ResourceDirectoryMaster', 'Folder', id),
    };
  }

  async updateFolder(id: string, old: FolderConfig, config: FolderConfig): Promise<Record<string, unknown>> {
    if (config.folder_name !== old.folder_name) await this.rm('UpdateFolder', { FolderId: id, NewFolderName: config.folder_name });
    if (JSON.stringify(config.tags ?? {}) !== JSON.stringify(old.tags ?? {})) await this.setTags('Folder', id, old.tags ?? {}, config.tags ?? {});
    return this.readFolder(id);
  }

  async deleteFolder(id: string): Promise<void> {
    try {
      await this.rm('DeleteFolder', { FolderId: id });
    } catch (err) {
      if (!(err instanceof HandClientError && (['EntityNotExists.Folder', 'EntityNotExists.ResourceDirectory'].includes(err.code) || err.statusCode === 404))) throw err;
    }
  }

  // --- alicloud_resource_manager_account ---

  async createAccount(config: AccountConfig): Promise<{ id: string; state: Record<string, unknown> }> {
    const created = await this.rm('CreateResourceAccount', {
      ...(config.tags ? flatTags('Tags', config.tags) : {}),
      ...(config.payer_account_id ? { PayerAccountId: config.payer_account_id } : {}),
      DisplayName: config.display_name,
      ...(config.account_name_prefix ? { AccountNamePrefix: config.account_name_prefix } : {}),
      ...(config.folder_id ? { ParentFolderId: config.folder_id } : {}),
    });
    const id = String(created.Account.AccountId);
    if (config.type) await this.rm('UpdateAccount', { AccountId: id, NewAccountType: config.type });
    if (config.tags) await this.setTags('Account', id, {}, config.tags);
    return { id, state: await this.readAccount(id) };
  }

  async readAccount(id: string): Promise<Record<string, unknown>> {
    const a = (await this.rm('GetAccount', { AccountId: id })).Account;
    const payer = await this.rm('GetPayerForAccount', { RegionId: REGION, AccountId: id });
    return {
      display_name: a.DisplayName,
      folder_id: a.FolderId,
      join_method: a.JoinMethod,
      join_time: a.JoinTime,
      modify_time: a.ModifyTime,
      resource_directory_id: a.ResourceDirectoryId,
      status: a.Status,
      type: a.Type,
      payer_account_id: payer.PayerAccountId,
      tags: await this.listTags('ResourceManager', 'Account', id),
    };
  }

  async updateAccount(id: string, old: AccountConfig, config: AccountConfig): Promise<Record<string, unknown>> {
    if (config.folder_id !== old.folder_id && config.folder_id) await this.rm('MoveAccount', { AccountId: id, DestinationFolderId: config.folder_id });
    const update: Record<string, string> = {};
    if (config.type !== old.type && config.type) update.NewAccountType = config.type;
    if (config.display_name !== old.display_name) update.NewDisplayName = config.display_name;
    if (Object.keys(update).length > 0) await this.rm('UpdateAccount', { AccountId: id, ...update });
    if (config.payer_account_id !== old.payer_account_id && config.payer_account_id) {
      await this.rdm('UpdatePayerForAccount', { AccountId: id, PayerAccountId: config.payer_account_id });
    }
    if (JSON.stringify(config.tags ?? {}) !== JSON.stringify(old.tags ?? {})) await this.setTags('Account', id, old.tags ?? {}, config.tags ?? {});
    return this.readAccount(id);
  }

  async deleteAccount(id: string, config: AccountConfig): Promise<string> {
    const body: Record<string, string> = { AccountId: id };
    if (config.force_delete) {
      await this.rm('CheckAccountDelete', { AccountId: id });
      await waitFor(async () => (await this.rm('GetAccountDeletionCheckResult', { AccountId: id })).AccountDeletionCheckResultInfo.Status, ['PreCheckComplete']);
      const info = (await this.rm('GetAccountDeletionCheckResult', { AccountId: id })).AccountDeletionCheckResultInfo;
      const ids: string[] = info.AbandonableChecks.map((c: { CheckId: string }) => c.CheckId);
      body.AbandonableCheckId = ids.length === 0 ? '' : JSON.stringify(ids);
    }
    try {
      await this.rm('DeleteAccount', body);
    } catch (err) {
      if (err instanceof HandClientError && (err.code === 'EntityNotExists.ResourceDirectory' || err.statusCode === 404)) return 'gone';
      throw err;
    }
    // DescribeAsyncResourceManagerAccountStateRefreshFunc: an error leaves the state "<nil>" and the wait goes on.
    return waitFor(
      async () => {
        try {
          return String((await this.rm('GetAccountDeletionStatus', { AccountId: id })).RdAccountDeletionStatus.Status);
        } catch {
          return '<nil>';
        }
      },
      ['Success', 'Deleting'],
      ['CheckFailed', 'DeleteFailed'],
    );
  }

  // --- alicloud_resource_manager_message_contact ---

  async createContact(config: ContactConfig): Promise<{ id: string; state: Record<string, unknown> }> {
    const created = await this.rdm('AddMessageContact', {
      EmailAddress: config.email_address,
      Name: config.message_contact_name,
      ...(config.phone_number ? { PhoneNumber: config.phone_number } : {}),
      ...flatList('MessageTypes', config.message_types),
      Title: config.title,
    });
    const id = String(created.Contact.ContactId);
    return { id, state: await this.readContact(id) };
  }

  async readContact(id: string): Promise<Record<string, unknown>> {
    const c = (await this.rdm('GetMessageContact', { ContactId: id })).Contact;
    if (!Array.isArray(c.MessageTypes)) throw new Error('MessageTypes is not an array');
    return {
      create_time: c.CreateDate,
      email_address: c.EmailAddress,
      message_contact_name: c.Name,
      phone_number: c.PhoneNumber,
      status: c.Status,
      title: c.Title,
      message_types: c.MessageTypes,
    };
  }

  async updateContact(id: string, old: ContactConfig, config: ContactConfig): Promise<Record<string, unknown>> {
    await this.rdm('UpdateMessageContact', {
      ContactId: id,
      EmailAddress: config.email_address,
      Name: config.message_contact_name,
      ...(config.phone_number !== old.phone_number && config.phone_number ? { PhoneNumber: config.phone_number } : {}),
      ...flatList('MessageTypes', config.message_types),
      Title: config.title,
    });
    return this.readContact(id);
  }

  async deleteContact(id: string): Promise<void> {
    try {
      await this.rdm('DeleteMessageContact', { ContactId: id });
    } catch (err) {
      if (!(err instanceof HandClientError && (err.code === 'EntityNotExists.Contact' || err.statusCode === 404))) throw err;
    }
  }
}
