// Small JSON client for setup, probes and logins (never used for the measured traffic, which
// autocannon sends). Only ever talks to 127.0.0.1.
export interface Reply { status: number; body: any }

export async function call(base: string, method: string, path: string, opts: { token?: string; body?: unknown } = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const body = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch { /* not JSON: keep the text for error messages */ }
  return { status: res.status, body: parsed };
}

/** Calls and insists on one status; the error names the step so setup failures are obvious. */
export async function expectStatus(step: string, status: number, base: string, method: string, path: string, opts: { token?: string; body?: unknown } = {}): Promise<any> {
  const res = await call(base, method, path, opts);
  if (res.status !== status) throw new Error(`${step}: ${method} ${path} answered ${res.status} (expected ${status}): ${brief(res.body)}`);
  return res.body;
}

export async function login(base: string, path: string, email: string, password: string): Promise<string> {
  const body = await expectStatus('login', 200, base, 'POST', path, { body: { email, password } });
  return body.data.access_token;
}

export const brief = (body: unknown, max = 400): string => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text && text.length > max ? `${text.slice(0, max)}…` : String(text);
};
