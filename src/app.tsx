import { useLaunch } from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { platform } from './platform'
import { RootStore } from './stores/root-store'
import { StoreProvider } from './stores/context'
import './app.css'

// One store for the app's lifetime, built around this bundle's platform adapter.
const rootStore = new RootStore(platform)

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    rootStore.ui.watchNetwork()
    // A session kept from last time: know who this is (level, roles) before any page asks.
    if (rootStore.session.loggedIn) void rootStore.session.loadProfile()
  })
  return <StoreProvider store={rootStore}>{children}</StoreProvider>
}

export default App
