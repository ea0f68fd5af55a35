import type {
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/** Makes every statement on a handle fail while `isDown`, as a lost database would. */
export class SimulatedOutage implements KyselyPlugin {
  isDown = false;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.isDown) throw new Error('connect ECONNREFUSED (simulated database outage)');
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

export function withOutageSwitch<DB>(db: Kysely<DB>): { db: Kysely<DB>; outage: SimulatedOutage } {
  const outage = new SimulatedOutage();
  return { db: db.withPlugin(outage), outage };
}
