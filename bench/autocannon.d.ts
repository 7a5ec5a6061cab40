// Minimal types for the parts of autocannon the harness uses (the package ships none and
// @types/autocannon is not installed).
declare module 'autocannon' {
  interface Histogram { average: number; mean: number; min: number; max: number; p50: number; p99: number; total: number }
  export interface AutocannonRequest {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (req: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
  }
  export interface AutocannonOptions {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    /** Requests per second over all connections (a fixed load). */
    overallRate?: number;
    requests?: AutocannonRequest[];
  }
  export interface AutocannonResult {
    requests: Histogram;
    latency: Histogram;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
  }
  export default function autocannon(opts: AutocannonOptions): Promise<AutocannonResult>;
}
