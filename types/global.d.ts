/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro at build time: weapp | alipay | h5. Read only inside src/platform/. */
    TARO_ENV?: 'weapp' | 'alipay' | 'h5'
    /** API origin baked into the bundle, e.g. https://api.example.gov.cn ('' = same origin). */
    TARO_APP_API_BASE?: string
    /** Version shown on the mine page. */
    TARO_APP_VERSION?: string
  }
}
