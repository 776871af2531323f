/**
 * The cluster and LangFuse recordings are of the embedded sample target. When another contract is under test
 * (SMOKEBOOK_CONTRACT / SMOKEBOOK_TARGET), their replays and self-tests are not registered at all, so that run's
 * report speaks only of the user's service; the live blocks stay, gated as always.
 */
import { describe } from "vitest";
import { usesOwnContract } from "../contract/load.ts";

/** defineSmoke `replay` of the smokes whose recordings are the sample's: `replay: SAMPLE_REPLAYS`. */
export const SAMPLE_REPLAYS = !usesOwnContract();

/** `describe` for a block that replays only the sample's recordings; registers nothing under another contract. */
export const describeSampleReplay: typeof describe = SAMPLE_REPLAYS
  ? describe
  : (Object.assign(() => undefined, describe) as unknown as typeof describe);
