import { webApi, type Logger } from '@slack/bolt';

export type SlackWebClient = webApi.WebClient;

export interface SlackWebClientOptions {
  token: string;
  apiUrl: string;
  /** Bounded: a call that keeps failing gives up instead of retrying for half an hour (the WebClient's default). */
  retries: number;
  logger: Logger;
}

/**
 * The Web API client every Slack call goes through. A 429 waits for its Retry-After and then
 * counts as one retry; `retries` bounds them all.
 */
export function createSlackWebClient(options: SlackWebClientOptions): SlackWebClient {
  return new webApi.WebClient(options.token, slackClientOptions(options));
}

/** The same options for our client and for the one Bolt builds for its listeners. */
export function slackClientOptions(options: Omit<SlackWebClientOptions, 'token'>): webApi.WebClientOptions {
  return {
    slackApiUrl: options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`,
    logger: options.logger,
    rejectRateLimitedCalls: false,
    retryConfig: { retries: options.retries, factor: 2, minTimeout: 200, maxTimeout: 10_000, randomize: true },
    timeout: 10_000,
  };
}
