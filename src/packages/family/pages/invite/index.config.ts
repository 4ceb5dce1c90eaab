export default definePageConfig({ navigationBarTitleText: '邀请亲属' })
