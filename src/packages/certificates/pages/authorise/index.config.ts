export default definePageConfig({ navigationBarTitleText: '授权机构调取' })
