// Everything a running lab needs, in one chunk loaded on "Start the lab":
// the emulator, its wasm and the terminal. Nothing of it loads before.
export { coldBoot, startFromState, type LabGuest, type Progress, type StartTimes } from './emulator.ts';
export { openTerminal, type LabTerminal } from './terminal.ts';
