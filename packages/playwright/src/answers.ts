// Every call the fixtures make reads its answer here: the JSON body of a 2xx, or an error that
// names the request, its status and the server's own words, so a failed setup says why.
import type { APIResponse } from '@playwright/test';

export async function readAnswer<T>(response: APIResponse, what: string): Promise<T> {
  if (!response.ok()) throw new Error(`${what} answered ${response.status()}: ${await errorOf(response)}`);
  return (await response.json()) as T;
}

async function errorOf(response: APIResponse): Promise<string> {
  const text = await response.text();
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string') {
      return body.error;
    }
  } catch {
    // not JSON: the text as it came
  }
  return text === '' ? '(no body)' : text;
}
