import type { Http } from './http';
import { ms, summarize, type Summary } from './stats';

/**
 * Times `requests` sequential GETs at the client (request sent → whole body read) after a short
 * warm-up; a failed request stops the benchmark rather than being timed.
 */
export async function timeGets(http: Http, path: string | ((i: number) => string), requests: number): Promise<Summary> {
  const at = (i: number) => (typeof path === 'string' ? path : path(i));
  for (let i = 0; i < Math.min(20, requests); i++) await check(http, at(i));
  const samples: number[] = [];
  for (let i = 0; i < requests; i++) {
    const s = process.hrtime.bigint();
    await check(http, at(i));
    samples.push(ms(s));
  }
  return summarize(samples);
}

async function check(http: Http, path: string) {
  const res = await http.request('GET', path);
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.body.slice(0, 300)}`);
  return res;
}
