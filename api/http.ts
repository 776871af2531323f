/** smokebook/http: the `http` session of a smoke (base URL from a variable live, the recorded origin in replay). */
export type { HttpSession, HttpSessionOptions } from "../helpers/http/http-session.ts";
export { httpSession } from "../helpers/http/http-session.ts";
export type { HarRecorder, HarReplay } from "../helpers/replay/index.ts";
export { loadHar, startRecorder, startReplay } from "../helpers/replay/index.ts";
