/**
 * The probe the private-path smoke runs inside the cluster, in the LangFuse container (its image has Node): for each
 * host:port, the addresses the pod's resolver returns (dns.lookup, as the runtime's own clients resolve) and a TCP
 * connect to the first one (5 s limit), printed as one JSON line. Only a TCP handshake is made; nothing is sent.
 */
import { AzureShapeError } from "./errors.ts";

export interface ProbeTarget {
  host: string;
  port: number;
}

export interface ProbeResult {
  host: string;
  port: number;
  addresses: string[];
  /** The peer address of the TCP connection, or null when it failed. */
  connected: string | null;
  error: string | null;
}

export const PROBE_SCRIPT = [
  'const dns=require("node:dns").promises,net=require("node:net");',
  "(async()=>{const out=[];for(const t of process.argv.slice(1)){",
  'const i=t.lastIndexOf(":"),host=t.slice(0,i),port=Number(t.slice(i+1));',
  "const r={host,port,addresses:[],connected:null,error:null};",
  'try{r.addresses=(await dns.lookup(host,{all:true})).map(a=>a.address)}catch(e){r.error="dns: "+(e.code||e.message)}',
  "if(r.addresses.length){r.connected=await new Promise(res=>{const s=net.connect({host:r.addresses[0],port,timeout:5000});",
  's.once("connect",()=>{const a=s.remoteAddress;s.destroy();res(a)});',
  's.once("timeout",()=>{s.destroy();r.error="connect: timeout";res(null)});',
  's.once("error",e=>{r.error="connect: "+(e.code||e.message);res(null)})})}',
  "out.push(r)}console.log(JSON.stringify(out))})()",
].join("");

export function probeCommand(targets: ReadonlyArray<ProbeTarget>): string[] {
  return ["node", "-e", PROBE_SCRIPT, "--", ...targets.map((t) => `${t.host}:${t.port}`)];
}

export function parseProbeOutput(stdout: string, where: string): ProbeResult[] {
  const line = stdout.trim().split("\n").at(-1) ?? "";
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new AzureShapeError(where, "(stdout)", `is not the probe's JSON line: ${JSON.stringify(line.slice(0, 200))}`);
  }
  if (!Array.isArray(parsed)) throw new AzureShapeError(where, "(stdout)", "is not a JSON array");
  return parsed as ProbeResult[];
}

/** RFC 1918, the shared address space AKS overlays use (100.64/10), and IPv6 unique local addresses. */
export function isPrivateAddress(ip: string): boolean {
  const v4 = ip.match(/^(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)
    );
  }
  return /^f[cd][0-9a-f]{2}:/i.test(ip);
}
