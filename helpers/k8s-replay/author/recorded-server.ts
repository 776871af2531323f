/** Where the authored recordings say they were made (an .invalid host: they are authored, not captured), and by whom. */
export const RECORDED_SERVER = "https://observer-aks.recorded.invalid";

export const CLIENT_UA = "smokebook/0.1.0 (@kubernetes/client-node 2.0.1)";
