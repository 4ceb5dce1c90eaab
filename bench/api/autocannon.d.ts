/** The part of autocannon 9's programmatic API the API bench uses (the package ships no types). */
declare module 'autocannon' {
  export interface Request {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string
    setupRequest?: (request: Required<Pick<Request, 'headers'>> & Request, context: Record<string, unknown>) => Request
    onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void
  }
  export interface Histogram {
    average: number
    mean: number
    p50: number
    p90: number
    p99: number
    max: number
    total: number
  }
  export interface Options {
    /** One URL or several: connections are spread over them. */
    url: string | string[]
    connections?: number
    duration?: number
    pipelining?: number
    timeout?: number
    requests?: Request[]
  }
  export interface Result {
    requests: Histogram
    latency: Histogram
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    statusCodeStats: Record<string, { count: number }>
    '2xx': number
  }
  function autocannon(options: Options): Promise<Result>
  export default autocannon
}
