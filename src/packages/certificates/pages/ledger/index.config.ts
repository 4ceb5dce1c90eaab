export default definePageConfig({ navigationBarTitleText: '用证记录', enablePullDownRefresh: true, onReachBottomDistance: 120 })
