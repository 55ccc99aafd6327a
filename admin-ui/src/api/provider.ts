/**
 * Where stores get the API client. The app provides the real one at start-up; unit tests provide a
 * fake, so stores never construct a client (or touch `fetch`) themselves.
 */
import { createApiClient, type ApiClient } from './client';

let current: ApiClient | null = null;

export function provideApi<T extends ApiClient>(client: T): T {
  current = client;
  return client;
}

export function useApi(): ApiClient {
  current ??= createApiClient();
  return current;
}
