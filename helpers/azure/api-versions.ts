/**
 * The REST API versions smokebook calls, per resource kind, in one place (recordings carry them in their URLs:
 * changing one means regenerating or re-recording the Azure fixtures, npm run fixtures:azure).
 */
export const API_VERSIONS = {
  /** Microsoft.Network/privateEndpoints */
  privateEndpoints: "2024-05-01",
  /** Microsoft.Network/privateDnsZones, …/virtualNetworkLinks, …/A */
  privateDns: "2024-06-01",
  /** Microsoft.DBforPostgreSQL/flexibleServers */
  postgresFlexible: "2024-08-01",
  /** Microsoft.KeyVault/vaults/secrets (management plane: names and attributes, never values) */
  keyVault: "2023-07-01",
  /** Microsoft.CognitiveServices/accounts (the Azure OpenAI account) */
  cognitiveServices: "2024-10-01",
  /** Microsoft.AlertsManagement/alerts (alert instances) */
  alertsManagement: "2019-05-05-preview",
  /** Logs Ingestion API (the @azure/monitor-ingestion default) */
  logsIngestion: "2023-01-01",
} as const;

export const ARM_ENDPOINT = "https://management.azure.com";
