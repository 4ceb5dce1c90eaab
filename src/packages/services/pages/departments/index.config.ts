export default definePageConfig({ navigationBarTitleText: '各部门办理情况', enablePullDownRefresh: true })
