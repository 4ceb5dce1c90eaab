import { hostAppConfig } from './platform/tables/weapp-plugins'

// The main package holds only the tab pages and login; every feature page lives in a subpackage so
// citizens download it only when they open that feature.
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/mine/index', 'pages/login/index'],
  subPackages: [
    { root: 'packages/notices', pages: ['pages/list/index', 'pages/detail/index'] },
    { root: 'packages/identity', pages: ['pages/real-name/index', 'pages/bindings/index'] },
    { root: 'packages/health-code', pages: ['pages/code/index'] },
    { root: 'packages/social-security', pages: ['pages/overview/index', 'pages/contributions/index', 'pages/proof/index'] },
    {
      root: 'packages/certificates',
      pages: ['pages/wallet/index', 'pages/detail/index', 'pages/ledger/index', 'pages/authorisations/index', 'pages/authorise/index'],
    },
    { root: 'packages/services', pages: ['pages/search/index', 'pages/catalogue/index', 'pages/guide/index', 'pages/departments/index'] },
    {
      root: 'packages/applications',
      pages: ['pages/apply/index', 'pages/my-applications/index', 'pages/detail/index', 'pages/rate/index', 'pages/feedback-new/index', 'pages/my-feedback/index'],
    },
    // 消息中心 (from the home page's 消息) and what 扫一扫 read.
    { root: 'packages/messages', pages: ['pages/inbox/index'] },
    { root: 'packages/scan', pages: ['pages/result/index'] },
    // 办理结果: 我的证明 and one result (proof with QR and PDF, money, paper result delivery).
    { root: 'packages/results', pages: ['pages/list/index', 'pages/detail/index'] },
    // 一件事一次办: the packages, a package's guide, its one form (step by step), its progress.
    { root: 'packages/life-events', pages: ['pages/index/index', 'pages/guide/index', 'pages/apply/index', 'pages/progress/index'] },
    // 在线预约: choose hall → day → slot, my bookings, a booking with its QR, cancel on a plain page.
    { root: 'packages/appointments', pages: ['pages/book/index', 'pages/mine/index', 'pages/detail/index', 'pages/cancel/index'] },
    // 亲情代办: the list, inviting a family member, the family member's consent (one decision a screen).
    { root: 'packages/family', pages: ['pages/index/index', 'pages/invite/index', 'pages/consent/index'] },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#1557c0',
    navigationBarTitleText: '掌上政务',
    navigationBarTextStyle: 'white',
  },
  // The WeChat build only: its speech plugin (src/platform/tables/weapp-plugins.ts).
  ...hostAppConfig(),
  tabBar: {
    color: '#5c6370',
    selectedColor: '#1557c0',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
})
