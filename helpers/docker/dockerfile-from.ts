/**
 * The images a Dockerfile builds FROM, with its global ARGs (those before the first FROM) and the build arguments
 * substituted: "golang:1.22-alpine" (line 1), "alpine:3.20" (line 19). Stage names (FROM builder) and scratch are
 * not images to pull. Line continuations and comments are honoured; instructions are case-insensitive.
 */
export interface FromImage {
  image: string;
  /** 1-based line of the FROM instruction. */
  line: number;
  /** The FROM argument as written (before substitution). */
  written: string;
}

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i] ?? "";
    if (/^\s*(#|$)/.test(line)) continue;
    while (/\\\s*$/.test(line) && i + 1 < lines.length) {
      i++;
      const next = lines[i] ?? "";
      if (/^\s*#/.test(next)) continue;
      line = `${line.replace(/\\\s*$/, "")} ${next.trim()}`;
    }
    const match = /^\s*([A-Za-z]+)\s*(.*)$/.exec(line);
    if (match)
      out.push({ keyword: (match[1] as string).toUpperCase(), args: (match[2] as string).trim(), line: start + 1 });
  }
  return out;
}

/** Expands $VAR, ${VAR}, ${VAR:-default} from `vars` (an unknown variable expands to the empty string). */
export function expand(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_, braced, fallback, bare) => {
      const name = (braced ?? bare) as string;
      const value = vars[name];
      return value !== undefined && value !== "" ? value : ((fallback as string | undefined) ?? "");
    },
  );
}

/** The global ARGs' values: build arguments over the defaults written in the Dockerfile. */
export function globalArgs(text: string, buildArgs: Readonly<Record<string, string>> = {}): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const instruction of instructions(text)) {
    if (instruction.keyword === "FROM") break;
    if (instruction.keyword !== "ARG") continue;
    for (const part of instruction.args.split(/\s+/)) {
      const [name = "", ...rest] = part.split("=");
      const value = buildArgs[name] ?? (rest.length > 0 ? expand(rest.join("="), vars) : undefined);
      if (value !== undefined) vars[name] = value.replace(/^"(.*)"$/, "$1");
    }
  }
  return vars;
}

export function fromImages(text: string, buildArgs: Readonly<Record<string, string>> = {}): FromImage[] {
  const vars = globalArgs(text, buildArgs);
  const stages = new Set<string>();
  const images: FromImage[] = [];
  for (const instruction of instructions(text)) {
    if (instruction.keyword !== "FROM") continue;
    const words = instruction.args.split(/\s+/).filter((w) => !w.startsWith("--"));
    const written = words[0] ?? "";
    const image = expand(written, vars);
    const alias = words[1]?.toUpperCase() === "AS" ? words[2]?.toLowerCase() : undefined;
    if (image !== "" && image.toLowerCase() !== "scratch" && !stages.has(image.toLowerCase())) {
      images.push({ image, line: instruction.line, written });
    }
    if (alias) stages.add(alias);
  }
  return images;
}
