import { describe, expect, it } from "vitest";
import { VirtualClock } from "../clock.ts";
import { incidentDecision } from "./active-incidents.ts";
import { insideSendWindow, kstTime, SEND_WINDOW, sendWindowDecision } from "./send-window.ts";

/** A KST wall-clock time as epoch ms (KST = UTC+9). */
const kst = (iso: string) => Date.parse(`${iso}+09:00`);

describe("send window guardrail: weekdays 09:00-18:00 KST (self-test)", { tags: ["self-test"] }, () => {
  it("inside: a Tuesday 10:40 KST is allowed, noted with the KST time", () => {
    const clock = new VirtualClock(kst("2026-02-24T10:40:00"));
    const d = sendWindowDecision(clock.now(), null);
    expect(d).toEqual({ allowed: true, note: `Tue 2026-02-24 10:40 KST is inside the send window (${SEND_WINDOW})` });
  });

  it("the edges: 09:00 is inside, 08:59 and 18:00 are outside, 17:59 is inside", () => {
    expect(insideSendWindow(kst("2026-02-24T09:00:00"))).toBe(true);
    expect(insideSendWindow(kst("2026-02-24T08:59:59"))).toBe(false);
    expect(insideSendWindow(kst("2026-02-24T17:59:59"))).toBe(true);
    expect(insideSendWindow(kst("2026-02-24T18:00:00"))).toBe(false);
  });

  it("outside: a weekday evening is refused with a note naming the window and the override", () => {
    const d = sendWindowDecision(kst("2026-02-24T19:30:00"), null);
    expect(d.allowed).toBe(false);
    expect(d.note).toBe(
      "not sent: Tue 2026-02-24 19:30 KST is outside the send window (weekdays 09:00-18:00 KST, runbook ADR-0024 guardrail); run it then, or set ALERTING_SEND_OVERRIDE to the incident commander's request",
    );
  });

  it("weekend: Saturday noon KST is refused; so is Sunday", () => {
    expect(sendWindowDecision(kst("2026-02-28T12:00:00"), null)).toMatchObject({ allowed: false });
    expect(kstTime(kst("2026-03-01T12:00:00")).text).toBe("Sun 2026-03-01 12:00 KST");
    expect(insideSendWindow(kst("2026-03-01T12:00:00"))).toBe(false);
  });

  it("a UTC time that is already the next KST day counts as that day (Friday 23:30 UTC = Saturday 08:30 KST)", () => {
    expect(insideSendWindow(Date.parse("2026-02-27T23:30:00Z"))).toBe(false);
    expect(kstTime(Date.parse("2026-02-27T23:30:00Z")).text).toBe("Sat 2026-02-28 08:30 KST");
  });

  it("override: an incident commander's request allows a weekend send and is kept in the note", () => {
    const d = sendWindowDecision(kst("2026-02-28T12:00:00"), "IC kim.j INC-2041");
    expect(d).toMatchObject({ allowed: true, override: "IC kim.j INC-2041" });
    expect(d.note).toContain("sent anyway on request: ALERTING_SEND_OVERRIDE=IC kim.j INC-2041");
  });
});

describe("active incident guardrail (self-test)", { tags: ["self-test"] }, () => {
  const sev1 = {
    id: "a",
    name: "api-5xx",
    severity: "Sev1",
    alertState: "New",
    monitorCondition: "Fired",
    alertRule: undefined,
    startDateTime: "2026-02-24T01:00:00Z",
  };
  it("no incident allows; an incident refuses naming it; the override lifts it and is noted", () => {
    expect(incidentDecision([], null).allowed).toBe(true);
    expect(incidentDecision([sev1], null)).toMatchObject({ allowed: false });
    expect(incidentDecision([sev1], null).note).toContain("api-5xx (Sev1, New, since 2026-02-24T01:00:00Z)");
    expect(incidentDecision([sev1], "IC request")).toMatchObject({ allowed: true, override: "IC request" });
  });
});
