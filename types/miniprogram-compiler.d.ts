declare module 'miniprogram-compiler' {
  /** Compiles every .wxml under root with WeChat's wcc; throws on a broken template. */
  export function wxmlToJs(root: string, options?: Record<string, unknown>): string
  /** Compiles every .wxss under root with WeChat's wcsc; throws on broken styles. */
  export function wxssToJs(root: string, options?: Record<string, unknown>): string
}
