/**
 * The built-in fingerprint as a command, in the shape DEV012_FINGERPRINT_COMMAND expects:
 *   node helpers/fingerprint/cli.ts <input.json>   →   {"fingerprint":"<sha256>","identity":{…}}
 * Exit 2 with a message on stderr when the input cannot be used.
 */
import { fingerprintOf, identityOf } from "./fingerprint.ts";
import { loadIncidentInput } from "./incident-input.ts";

const path = process.argv[2];
if (!path) {
  process.stderr.write("usage: node helpers/fingerprint/cli.ts <runtime-input.json>\n");
  process.exit(2);
}
try {
  const input = loadIncidentInput(path);
  process.stdout.write(`${JSON.stringify({ fingerprint: fingerprintOf(input), identity: identityOf(input) })}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
