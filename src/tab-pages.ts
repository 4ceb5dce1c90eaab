/** The tab pages (app.config.ts tabBar.list), for the in-page bars that stand in for the host's. */
export interface TabPage {
  url: string
  text: string
}

export const TAB_PAGES: readonly TabPage[] = [
  { url: '/pages/home/index', text: '首页' },
  { url: '/pages/mine/index', text: '我的' },
]

/** The tab page a router path is (with or without the leading slash or a query), if any. */
export function tabPageOf(path: string | undefined): TabPage | undefined {
  const bare = '/' + (path ?? '').split('?')[0]!.replace(/^\/+/, '')
  // The H5 preview opened at its root shows the home page.
  if (bare === '/') return TAB_PAGES[0]
  return TAB_PAGES.find((tab) => tab.url === bare)
}
