/**
 * Marketing > Channels > Amazon Sales Channel > Amazon Stores: the cards, one store (the store view),
 * add/edit, activate/deactivate/disconnect/delete, and Connect/Renew — the consent runs in a new tab
 * while the card polls its authorization and updates itself when the consent completes.
 */
import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import { describeError, invalidProblem, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { ConsentStart, CreateStoreBody, Marketplace, Store, StoreAuthorization, UpdateStoreBody } from '../api/types';
import type { ConsentDoneOutcome } from '../../../schema/stores';
import { validate } from '../validation/validate';
import { createStoreBodySchema, updateStoreBodySchema } from '../../../schema/stores';
import type { SaveResult } from './product';
import { watchConsent, type WatchOutcome } from './consent-watch';
import { useSaving } from '../composables/useSaving';

export type StoreAction = 'activate' | 'deactivate' | 'disconnect';
export type ConsentPurpose = 'connect' | 'renew';

export interface Waiting {
  purpose: ConsentPurpose;
  consentUrl: string;
  /** The browser refused to open the tab: the card offers a link instead. */
  blocked: boolean;
}

/** Timers of the consent watch; unit tests replace them to run the loop without waiting. */
export const consentTiming = {
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

/** A consent that just completed, for the admin's confirmation (ConsentDoneDialog). */
export interface ConsentDone {
  storeId: number;
  outcome: ConsentDoneOutcome;
}

/** Opens the consent page in a new tab (the page passes `window.open`); null when a blocker refused. */
export type Opener = (url: string) => unknown;

function invalid(fields: Record<string, string>): SaveResult {
  return { ok: false, problem: invalidProblem(fields) };
}

/** The store form's words for its fields (StoreForm.vue), so a message names the field the way the form does. */
const STORE_FORM_LABELS = {
  name: 'Store name',
  email: 'E-mail',
  websiteCode: 'Website',
  country: 'Marketplace country',
  productIdType: 'Amazon product ID type',
  productIdAttribute: 'Catalog attribute holding the ID',
  confirm: 'Store name',
} as const;

export const useAmazonStoresStore = defineStore('amazonStores', () => {
  const stores = ref<Store[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const problem = ref<Problem | null>(null);
  const { busy, run } = useSaving(STORE_FORM_LABELS);
  const marketplaces = ref<Marketplace[]>([]);
  /** The store of the store view. */
  const current = ref<Store | null>(null);
  const currentProblem = ref<Problem | null>(null);
  const currentLoading = ref(false);
  /** Stores whose consent tab is open, by id. */
  const waiting = reactive<Record<number, Waiting>>({});
  /** What the last finished consent watch said, by store id (for the card's message). */
  const lastOutcome = reactive<Record<number, WatchOutcome['kind']>>({});
  const watchTokens = new Map<number, symbol>();
  /** The consent that just completed (the consent tab said so, or the watch saw it), until the admin closes the confirmation. */
  const completed = ref<ConsentDone | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    problem.value = null;
    try {
      stores.value = await useApi().get<Store[]>('/api/stores');
      loaded.value = true;
    } catch (error) {
      problem.value = describeError(error);
    } finally {
      loading.value = false;
    }
  }

  async function loadMarketplaces(): Promise<void> {
    if (marketplaces.value.length) return;
    try {
      marketplaces.value = await useApi().get<Marketplace[]>('/api/stores/marketplaces');
    } catch (error) {
      problem.value = describeError(error);
    }
  }

  function replace(store: Store): void {
    const i = stores.value.findIndex((s) => s.id === store.id);
    if (i >= 0) stores.value.splice(i, 1, store);
    else stores.value.push(store);
    if (current.value?.id === store.id) current.value = store;
  }

  async function loadOne(id: number): Promise<void> {
    currentLoading.value = true;
    currentProblem.value = null;
    if (current.value?.id !== id) current.value = null;
    try {
      const store = await useApi().get<Store>(`/api/stores/${id}`);
      current.value = store;
      if (loaded.value) replace(store);
    } catch (error) {
      currentProblem.value = describeError(error);
    } finally {
      currentLoading.value = false;
    }
  }

  async function create(body: CreateStoreBody): Promise<SaveResult & { store?: Store }> {
    const check = validate(createStoreBodySchema, body, STORE_FORM_LABELS);
    if (!check.valid) return invalid(check.fields);
    let created: Store | undefined;
    const result = await run(async () => {
      created = await useApi().post<Store>('/api/stores', body);
      replace(created);
    });
    return { ...result, store: created };
  }

  async function update(id: number, body: UpdateStoreBody): Promise<SaveResult> {
    const check = validate(updateStoreBodySchema, body, STORE_FORM_LABELS);
    if (!check.valid) return invalid(check.fields);
    return run(async () => replace(await useApi().patch<Store>(`/api/stores/${id}`, body)));
  }

  function act(id: number, action: StoreAction): Promise<SaveResult> {
    return run(async () => replace(await useApi().post<Store>(`/api/stores/${id}/${action}`)));
  }

  /** Delete after the admin typed the store's name (the server checks it again). */
  function remove(id: number, confirm: string): Promise<SaveResult> {
    return run(async () => {
      await useApi().delete(`/api/stores/${id}`, { body: { confirm } });
      stores.value = stores.value.filter((s) => s.id !== id);
      if (current.value?.id === id) current.value = null;
    });
  }

  const storeById = (id: number) => stores.value.find((s) => s.id === id) ?? (current.value?.id === id ? current.value : undefined);

  /**
   * Connect or Renew: asks for a consent URL, opens it in a new tab, and watches the authorization until
   * the consent completes there (then the card reloads) or its state runs out.
   */
  async function startConsent(id: number, purpose: ConsentPurpose, open: Opener): Promise<SaveResult> {
    const before = storeById(id)?.authorization;
    let consent: ConsentStart | undefined;
    const result = await run(async () => {
      consent = await useApi().post<ConsentStart>(`/api/stores/${id}/${purpose}`);
    });
    if (!result.ok || !consent) return result;
    const tab = open(consent.consentUrl);
    waiting[id] = { purpose, consentUrl: consent.consentUrl, blocked: !tab };
    delete lastOutcome[id];
    void watch(id, before ?? (await useApi().get<StoreAuthorization>(`/api/stores/${id}/authorization`)));
    return result;
  }

  async function watch(id: number, before: StoreAuthorization): Promise<WatchOutcome> {
    const token = Symbol(id);
    watchTokens.set(id, token);
    const outcome = await watchConsent({
      before,
      fetch: () => useApi().get<StoreAuthorization>(`/api/stores/${id}/authorization`),
      sleep: consentTiming.sleep,
      now: consentTiming.now,
      cancelled: () => watchTokens.get(id) !== token,
    });
    if (outcome.kind === 'cancelled') return outcome;
    watchTokens.delete(id);
    delete waiting[id];
    lastOutcome[id] = outcome.kind;
    if (outcome.kind === 'changed') {
      await refresh(id);
      // The consent tab normally says so first; this covers a browser without BroadcastChannel.
      const now = outcome.authorization;
      if (now.state === 'connected' && now.authorizedAt !== before.authorizedAt)
        completed.value ??= {
          storeId: id,
          outcome: before.state === 'connected' || before.state === 'expiring_soon' ? 'renewed' : 'connected',
        };
    }
    return outcome;
  }

  /**
   * The consent tab (or its way back, `?consent=` on the store's dashboard) says the consent completed: stop
   * waiting, reload the store, and keep it for the confirmation. Said twice (two tabs, or the watch too): once.
   */
  async function consentCompleted(done: ConsentDone): Promise<void> {
    watchTokens.delete(done.storeId);
    delete waiting[done.storeId];
    if (completed.value?.storeId !== done.storeId) completed.value = done;
    await refresh(done.storeId);
  }

  function dismissCompleted(): void {
    completed.value = null;
  }

  /** The admin closed the consent tab without finishing: stop waiting. */
  function stopWaiting(id: number): void {
    watchTokens.delete(id);
    delete waiting[id];
  }

  /** Reloads one card (and the store view when it shows this store) without touching the others. */
  async function refresh(id: number): Promise<void> {
    try {
      replace(await useApi().get<Store>(`/api/stores/${id}`));
    } catch (error) {
      problem.value = describeError(error);
    }
  }

  return {
    stores,
    loading,
    loaded,
    problem,
    busy,
    marketplaces,
    current,
    currentProblem,
    currentLoading,
    waiting,
    lastOutcome,
    completed,
    load,
    loadMarketplaces,
    loadOne,
    create,
    update,
    act,
    remove,
    startConsent,
    stopWaiting,
    refresh,
    consentCompleted,
    dismissCompleted,
  };
});
