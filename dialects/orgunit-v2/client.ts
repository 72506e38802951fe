/** The five operations of `orgunit-v2` as requests, bound to a sender and a credential. */
import type { QueryValue, RequestSpec } from '../../suites/client.ts';
import type { Exchange } from '../../suites/exchange.ts';
import type { Auth } from '../../suites/tokens.ts';
import { PATHS } from './wire.ts';

export type Sender = (spec: RequestSpec) => Promise<Exchange>;

/** Every call returns the recorded exchange; judging it is the caller's job. */
export class V2Api {
  constructor(
    private readonly sender: Sender,
    readonly auth: Auth,
  ) {}

  /** The same operations with another credential. */
  as(auth: Auth): V2Api {
    return new V2Api(this.sender, auth);
  }

  /** `index` with a JSON body (none when undefined), or a raw one. */
  index(body?: unknown, query: Readonly<Record<string, QueryValue>> = {}): Promise<Exchange> {
    return this.send({ method: 'POST', path: PATHS.index, query, ...(body !== undefined ? { json: body } : {}) });
  }

  view(id: string): Promise<Exchange> {
    return this.send({ method: 'GET', path: PATHS.view(id) });
  }

  create(body: unknown): Promise<Exchange> {
    return this.send({ method: 'POST', path: PATHS.create, json: body });
  }

  update(id: string, body: unknown): Promise<Exchange> {
    return this.send({ method: 'PUT', path: PATHS.update(id), json: body });
  }

  /** `force` as given (a boolean, or any text for negative data); left out when undefined. */
  delete(id: string, force?: boolean | string): Promise<Exchange> {
    return this.send({ method: 'DELETE', path: PATHS.delete(id), query: { force } });
  }

  send(spec: Omit<RequestSpec, 'auth'> & { auth?: Auth }): Promise<Exchange> {
    return this.sender({ ...spec, auth: spec.auth ?? this.auth });
  }
}
