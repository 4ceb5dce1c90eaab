/**
 * Mini-program plugins WeChat must load with the app (app.json `plugins`). WechatSI is WeChat's
 * own 同声传译 plugin (provider appid wx069ba97219f66d99): 朗读 and 语音搜索 (tables/weapp.ts
 * `speech`). The mini-program's admin must also add it under 设置 → 第三方设置 → 插件管理.
 */
export const WEAPP_PLUGINS = {
  WechatSI: { version: '0.3.5', provider: 'wx069ba97219f66d99' },
}

/**
 * What src/app.config.ts adds for the build being made: the plugins in the WeChat build only
 * (Alipay has no such plugin, H5 no plugins at all). Taro sets TARO_ENV while it reads the app
 * config. (A separate app.config.weapp.ts is not an option: Taro 4.1's MiniPlugin looks the
 * app config up under the name 'app.config' and fails on any other.)
 */
export const hostAppConfig = (): { plugins?: typeof WEAPP_PLUGINS } => (process.env.TARO_ENV === 'weapp' ? { plugins: WEAPP_PLUGINS } : {})
