import { Injectable } from '@nestjs/common';
import { WakeSignal } from './wake-signal.js';

/** Wakes this process's dispatcher and relay at once when a local transaction committed events. */
@Injectable()
export class DispatchSignal extends WakeSignal {}
