// What a write needs to fire webhooks: the outbound client (synchronous deliveries) and the
// dispatcher (asynchronous ones, after COMMIT). One per server, on the Platform.
import type { OutboundClient } from '../outbound/http-client.js';
import type { WebhookDispatcher } from './dispatcher.js';

export interface WebhookServices {
  readonly client: OutboundClient;
  readonly dispatcher: WebhookDispatcher;
  /** How long a pending or claimed delivery stays with its owner before the scheduler may take it (§A3.2: 2 minutes). */
  readonly leaseMs: number;
}
