export default definePageConfig({ navigationBarTitleText: '掌上政务', enablePullDownRefresh: true })
