import { makeAutoObservable } from 'mobx'

/** One observable, so MobX and mobx-react-lite are really bundled (not tree-shaken away). */
export class CounterStore {
  count = 0

  constructor() {
    makeAutoObservable(this)
  }

  increment(): void {
    this.count += 1
  }
}
