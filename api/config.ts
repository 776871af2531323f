/** smokebook/config: the vitest config of a team's smokes (`export default smokebookConfig()`). */
export type { SmokebookConfigOptions, TagDefinition } from "../helpers/config/smokebook-config.ts";
export { SMOKEBOOK_TAGS, smokebookConfig, systemFolders } from "../helpers/config/smokebook-config.ts";
