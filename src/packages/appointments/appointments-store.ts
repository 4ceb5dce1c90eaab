import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiClient } from '@/api/api-client'
import type { Platform } from '@/platform/types'
import type { Appointment, AppointmentCode, AppointmentHalls, Slot, SlotDays } from '@/contract/appointments/schemas'
import { forgetAll } from '@/stores/forget'
import { LoadState } from '@/stores/load-state'
import { Mutation } from '@/stores/mutation'
import type { RootStore } from '@/stores/root-store'
import { appointmentsService } from './api'
import { ReminderOffer } from './reminder-offer'

/** The citizen's choice on the booking page: hall, then day, then slot. */
export interface Choice {
  hallId?: string
  date?: string
  start?: string
}

/**
 * 在线预约: the halls of an item, a hall's slots, the choice being made, booking or
 * rescheduling it, my bookings, one booking with its QR, cancelling.
 */
export class AppointmentsStore {
  readonly halls = new LoadState<AppointmentHalls>((data) => data.halls.length === 0)
  readonly slots = new LoadState<SlotDays>((data) => data.days.every((day) => !day.open))
  readonly mine = new LoadState<Appointment[]>((items) => items.length === 0)
  readonly detail = new LoadState<Appointment>()
  readonly code = new LoadState<AppointmentCode>()
  readonly booking = new Mutation()
  readonly cancelling = new Mutation()
  choice: Choice = {}
  /** The booking just made or moved: the page goes on to its detail. */
  booked: Appointment | undefined = undefined
  /** 预约前一天提醒我, offered once after a booking or a 改约. */
  readonly reminder: ReminderOffer

  constructor(
    private readonly api: ApiClient,
    private readonly platform: Pick<Platform, 'requestSubscribeMessage'>,
  ) {
    makeAutoObservable<AppointmentsStore, 'api' | 'platform'>(this, { api: false, platform: false, halls: false, slots: false, mine: false, detail: false, code: false, booking: false, cancelling: false, reminder: false })
    this.reminder = new ReminderOffer(api, platform)
  }

  /** Starts a booking for an item: the halls, and the first hall's slots when there is only one. */
  async start(itemCode: string): Promise<void> {
    this.choice = {}
    this.booked = undefined
    this.booking.reset()
    this.slots.reset()
    this.reminder.dismiss()
    // Loaded now so that the offer after the booking can ask straight from the tap; a failure only means no offer.
    void this.reminder.load()
    await this.halls.run(() => appointmentsService.halls(this.api, itemCode))
    const halls = this.halls.data?.halls ?? []
    if (halls.length === 1) await this.chooseHall(itemCode, halls[0]!.id)
  }

  async chooseHall(itemCode: string, hallId: string): Promise<void> {
    this.choice = { hallId }
    this.booking.clearError()
    await this.loadSlots(itemCode)
  }

  loadSlots(itemCode: string): Promise<void> {
    const hall = this.choice.hallId
    if (!hall) return Promise.resolve()
    return this.slots.run(() => appointmentsService.slots(this.api, { item: itemCode, hall, days: 14 }))
  }

  chooseDay(date: string): void {
    this.choice = { hallId: this.choice.hallId, date }
    this.booking.clearError()
  }

  chooseSlot(slot: Slot): void {
    if (slot.full) return
    this.choice = { ...this.choice, start: slot.start }
    this.booking.clearError()
  }

  get chosenDay() {
    return this.slots.data?.days.find((day) => day.date === this.choice.date)
  }

  get ready(): boolean {
    return Boolean(this.choice.hallId && this.choice.date && this.choice.start)
  }

  /** Books the chosen slot, or moves `rescheduleId` there. A full slot (someone was quicker) reloads the slots. */
  async confirm(itemCode: string, rescheduleId?: string): Promise<boolean> {
    const { hallId, date, start } = this.choice
    if (!hallId || !date || !start) return false
    const done = await this.booking.run(async () => {
      const appointment = rescheduleId
        ? await appointmentsService.reschedule(this.api, rescheduleId, { hallId, date, start })
        : await appointmentsService.book(this.api, { itemCode, hallId, date, start })
      runInAction(() => {
        this.booked = appointment
      })
      this.reminder.offer(appointment.id)
    })
    if (!done && this.booking.error?.code === 'SLOT_FULL') {
      runInAction(() => {
        this.choice = { hallId, date }
      })
      await this.loadSlots(itemCode)
    }
    return done
  }

  loadMine(): Promise<void> {
    return this.mine.run(async () => (await appointmentsService.list(this.api)).items)
  }

  async loadDetail(id: string): Promise<void> {
    if (this.detail.data?.id !== id) {
      this.detail.reset()
      this.code.reset()
    }
    await this.detail.run(() => appointmentsService.detail(this.api, id))
    if (this.detail.data?.status === 'booked') await this.loadCode(id)
    else this.code.reset()
  }

  loadCode(id: string): Promise<void> {
    return this.code.run(() => appointmentsService.code(this.api, id))
  }

  async cancel(id: string): Promise<boolean> {
    return this.cancelling.run(async () => {
      const appointment = await appointmentsService.cancel(this.api, id)
      runInAction(() => {
        this.detail.restore(appointment, new Date())
      })
      this.code.reset()
    })
  }

  forget(): void {
    forgetAll(this, new AppointmentsStore(this.api, this.platform))
  }
}

/** The AppointmentsStore, built on first use: only the appointments subpackage imports this module. */
export function appointmentsStore(root: RootStore): AppointmentsStore {
  return root.feature('appointments', () => new AppointmentsStore(root.api, root.platform))
}
