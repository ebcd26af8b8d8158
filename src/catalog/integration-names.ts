/**
 * Integrations a fulfilment step may call (`integration:` of a step). One entry per
 * folder under integrations/; the loader refuses a step naming another.
 */
export const integrationNames = ['identity'] as const;
