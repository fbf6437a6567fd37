/**
 * BPMN off the event loop in the running server (issue 12 §3): the real server process loads the
 * shipped matters through its model workers at first start, takes MATTERFLOW_MODEL_MAX_ELEMENTS
 * into its workers, refuses a file past it unparsed, and keeps answering /healthz while a 2 MB
 * model is deployed. Statuses only: the latency is measured by bench/model-workers.ts.
 */
import { expect } from 'chai';
import { chainModel, manyTasksModel } from '../support/large-models.js';
import { delay, ServerProcess } from './support/server-process.js';

const LIMIT = 5_500;

describe('system: BPMN is parsed in model workers in the running server', function () {
  this.timeout(120_000);
  let server: ServerProcess | undefined;
  before(async () => {
    server = await ServerProcess.start({
      env: { MATTERFLOW_MODEL_MAX_ELEMENTS: String(LIMIT), MATTERFLOW_MODEL_WORKERS: '1' },
    });
  });
  after(async () => {
    await server?.dispose();
  });

  it('should have deployed the shipped matters through the workers at first start', async () => {
    const definitions = await server!.request<Array<{ processId: string }>>('/api/definitions');
    expect(definitions.status).to.equal(200);
    expect(definitions.body.map((row) => row.processId)).to.include('food-licence');
  });

  it('should refuse files past MATTERFLOW_MODEL_MAX_ELEMENTS unparsed, naming the count and the limit', async () => {
    for (const [xml, count] of [
      [manyTasksModel(100_000), 100_002],
      [chainModel({ elements: LIMIT + 1 }), LIMIT + 1],
    ] as const) {
      const refused = await server!.request<{
        code: string;
        message: { zh: string };
        details: { findings: Array<{ rule: string }> };
      }>('/api/definitions', { body: { xml } });
      expect(refused.status, refused.text.slice(0, 500)).to.equal(422);
      expect(refused.body.details.findings[0]?.rule).to.equal('xml-too-many-elements');
      expect(refused.body.message.zh).to.contain(`模型有 ${count} 个 XML 元素，超过上限 ${LIMIT} 个`);
    }
  });

  it('should answer /healthz 200 while a 2 MB model of 5,000 elements is deployed', async () => {
    // given
    const xml = chainModel({ elements: 5_000, bytes: 2_000_000, processId: 'systemLarge' });
    const probes: Array<{ status: number; during: boolean }> = [];
    let deploying = true;
    // when /healthz is asked every 10 ms while the model is deployed
    const probing = (async () => {
      while (deploying) {
        const status = (await server!.request('/healthz', { token: null })).status;
        probes.push({ status, during: deploying });
        await delay(10);
      }
    })();
    const deployed = await server!.request<{ processes: Array<{ processId: string; version: number }> }>(
      '/api/definitions',
      { body: { xml } },
    );
    deploying = false;
    await probing;
    // then
    expect(deployed.status, deployed.text.slice(0, 500)).to.equal(201);
    expect(deployed.body.processes).to.deep.equal([
      {
        processId: 'systemLarge',
        version: 1,
        hash: (deployed.body.processes[0] as { hash?: string } | undefined)?.hash,
        created: true,
      },
    ]);
    expect(probes.filter((probe) => probe.during).length).to.be.greaterThan(0);
    expect(probes.every((probe) => probe.status === 200)).to.equal(true);
    const versions = await server!.request<Array<{ version: number }>>('/api/definitions?processId=systemLarge');
    expect(versions.body.map((row) => Number(row.version))).to.deep.equal([1]);
  });
});
