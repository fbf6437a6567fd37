/**
 * /guide/:code: one matter's 办事指南, what a citizen needs to come once (一次性告知): conditions,
 * materials with 容缺 eligibility and how to provide each, limits, fees, where and how to apply,
 * the steps and the flow diagram. Printable.
 */
import { render } from 'preact';
import { api } from '../shared/api.js';
import type { Shell } from '../shared/shell.js';
import { FlowDiagram } from './flow-diagram.js';
import type { Guide, GuideMaterial } from './types.js';

export async function renderGuide(shell: Shell, code: string): Promise<void> {
  const guide = await api<Guide>(`/api/guide/${encodeURIComponent(code)}`, { anonymous: true });
  document.title = `${guide.name} · 办事指南 · Matterflow 政务服务`;
  render(<GuidePage guide={guide} />, shell.main);
}

/** How a citizen provides one material. */
function howToProvide(material: GuideMaterial): string {
  if (material.source === '电子证照共享') return '无需提交：窗口通过电子证照共享调取（免证办）';
  if (material.copies === 0) return `${material.form}材料，无需留存复印件`;
  return `${material.form}材料 ${material.copies} 份`;
}

function GuidePage({ guide }: { guide: Guide }) {
  const bring = guide.materials.filter((m) => m.source === '申请人提交' && m.necessity !== '非必要');
  const whenNeeded = guide.materials.filter((m) => m.source === '申请人提交' && m.necessity === '非必要');
  const shared = guide.materials.filter((m) => m.source === '电子证照共享');
  return (
    <article class="mf-guide" aria-labelledby="guide-title">
      <header class="mf-guide-head">
        <p class="mf-muted">
          <a href="/guide">办事指南</a> › {guide.type.label}
        </p>
        <h1 id="guide-title">{guide.name}</h1>
        <p class="mf-muted">
          实施编码 {guide.implementationCode} · 第 {guide.version} 版
          {guide.status.code !== 'active' ? ` · ${guide.status.label}` : ''}
        </p>
        <div class="mf-toolbar mf-no-print">
          <button type="button" onClick={() => window.print()}>
            打印办事指南
          </button>
        </div>
      </header>

      <section class="mf-card mf-guide-once" aria-labelledby="once-title">
        <h2 id="once-title">一次性告知</h2>
        <ul>
          <li>
            请带齐下列材料（{bring.length} 项）：
            {bring.map((m) => `${m.name}（${howToProvide(m)}）`).join('；') || '无'}。
          </li>
          {shared.length > 0 ? (
            <li>以下材料无需提交，由窗口通过电子证照共享调取：{shared.map((m) => m.name).join('、')}。</li>
          ) : null}
          {guide.tolerance.allowed ? (
            <li>
              可容缺受理：核心材料齐全，仅缺标注“可容缺”的材料时可先行受理，须在
              {guide.tolerance.supplementDeadline ? ` ${guide.tolerance.supplementDeadline.text} ` : '规定期限'}
              内补交；材料补齐前不发放{guide.resultName}，逾期未补交的办件终止。
            </li>
          ) : null}
          <li>
            法定办结时限 {guide.legalLimit.text}
            {guide.promisedLimit ? `，承诺办结时限 ${guide.promisedLimit.text}` : `（${guide.caseType.label}）`}；
            {guide.fees.label}；{guide.howToApply.visits}。
          </li>
        </ul>
      </section>

      <section aria-labelledby="basics-title">
        <h2 id="basics-title">基本信息</h2>
        <dl class="mf-guide-facts">
          <dt>事项类型</dt>
          <dd>{guide.type.label}</dd>
          <dt>实施主体</dt>
          <dd>{guide.implementer.name}</dd>
          {guide.jointAgencies.length > 0 ? (
            <>
              <dt>联办机构</dt>
              <dd>{guide.jointAgencies.map((a) => (a.role ? `${a.name}（${a.role}）` : a.name)).join('；')}</dd>
            </>
          ) : null}
          <dt>行使层级</dt>
          <dd>{guide.level.label}级</dd>
          <dt>办件类型</dt>
          <dd>{guide.caseType.label}</dd>
          <dt>办理结果</dt>
          <dd>{guide.resultName}</dd>
          <dt>基本编码</dt>
          <dd>{guide.baseCode}</dd>
          {guide.handlingItemCode ? (
            <>
              <dt>业务办理项编码</dt>
              <dd>{guide.handlingItemCode}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="conditions-title">
        <h2 id="conditions-title">受理条件</h2>
        <ol>
          {guide.acceptanceConditions.map((condition) => (
            <li key={condition}>{condition}</li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="materials-title">
        <h2 id="materials-title">申请材料</h2>
        <table class="mf-guide-materials">
          <thead>
            <tr>
              <th scope="col">序号</th>
              <th scope="col">材料名称</th>
              <th scope="col">必要性</th>
              <th scope="col">容缺</th>
              <th scope="col">如何提供</th>
              <th scope="col">说明</th>
            </tr>
          </thead>
          <tbody>
            {guide.materials.map((m, index) => (
              <tr key={m.id} data-material={m.id}>
                <td>{index + 1}</td>
                <th scope="row">{m.name}</th>
                <td>{m.necessity === '容缺' ? '必要' : m.necessity}</td>
                <td>
                  {m.tolerance === '可容缺' ? (
                    <span class="mf-guide-badge mf-guide-badge-tolerated" title="可先行受理，在期限内补交">
                      可容缺
                    </span>
                  ) : (
                    <span class="mf-muted">不可容缺</span>
                  )}
                </td>
                <td>{howToProvide(m)}</td>
                <td>{m.description ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {whenNeeded.length > 0 ? <p class="mf-muted">“非必要”材料仅在说明所述情形下提交。</p> : null}
      </section>

      <section aria-labelledby="limits-title">
        <h2 id="limits-title">办理时限</h2>
        <dl class="mf-guide-facts">
          <dt>法定办结时限</dt>
          <dd>{guide.legalLimit.text}</dd>
          <dt>承诺办结时限</dt>
          <dd>{guide.promisedLimit ? guide.promisedLimit.text : `不设（${guide.caseType.label}）`}</dd>
          {guide.specialProcedures.length > 0 ? (
            <>
              <dt>特别程序</dt>
              <dd>{guide.specialProcedures.join('、')}（所需时间不计入办结时限）</dd>
            </>
          ) : null}
          {guide.tolerance.allowed ? (
            <>
              <dt>容缺补交期限</dt>
              <dd>{guide.tolerance.supplementDeadline?.text ?? '—'}</dd>
            </>
          ) : null}
          {guide.informedCommitment.allowed ? (
            <>
              <dt>告知承诺制</dt>
              <dd>
                可选择告知承诺方式办理：书面承诺符合条件即可当场作出决定，
                {guide.informedCommitment.verificationPeriod
                  ? `${guide.informedCommitment.verificationPeriod.text}内`
                  : '事后'}
                核查；承诺不实的，撤销决定。
              </dd>
            </>
          ) : null}
        </dl>
        <p class="mf-muted">工作日不含周末和法定节假日，调休上班日计入；时限自受理之日起计算。</p>
      </section>

      <section aria-labelledby="fees-title">
        <h2 id="fees-title">收费</h2>
        <p>
          {guide.fees.label}
          {guide.fees.standard ? `：${guide.fees.standard}` : ''}
          {guide.fees.basis ? `（依据：${guide.fees.basis}）` : ''}
        </p>
      </section>

      <section aria-labelledby="apply-title">
        <h2 id="apply-title">办理地点和方式</h2>
        <ul>
          {guide.howToApply.channels.map((c) => (
            <li key={c.channel}>
              <strong>{c.channel}办理：</strong>
              {c.text}
            </li>
          ))}
        </ul>
        <table>
          <thead>
            <tr>
              <th scope="col">机构</th>
              <th scope="col">职责</th>
            </tr>
          </thead>
          <tbody>
            {guide.howToApply.agencies.map((a) => (
              <tr key={a.name}>
                <td>{a.name}</td>
                <td>{a.role}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <strong>办公时间：</strong>
          {guide.howToApply.officeHours.days}，{guide.howToApply.officeHours.periods.join('、')}
        </p>
        <p>
          <strong>到办事现场次数：</strong>
          {guide.howToApply.visitsRequired} 次（{guide.howToApply.visits}）
        </p>
      </section>

      <section aria-labelledby="flow-title" class="mf-guide-flow">
        <h2 id="flow-title">办理流程</h2>
        {guide.flow?.steps && guide.flow.steps.length > 0 ? (
          <table class="mf-guide-steps">
            <thead>
              <tr>
                <th scope="col">序号</th>
                <th scope="col">办理环节</th>
                <th scope="col">办理部门</th>
                <th scope="col">环节时限</th>
              </tr>
            </thead>
            <tbody>
              {guide.flow.steps.map((step, index) => (
                <tr key={step.id}>
                  <td>{index + 1}</td>
                  <td>
                    {step.name}
                    {step.kind !== '办理环节' ? (
                      <span class="mf-guide-badge mf-guide-badge-muted">{step.kind}</span>
                    ) : null}
                  </td>
                  <td>{step.department ?? '—'}</td>
                  <td>{step.limit?.text ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {guide.flow?.xml ? <FlowDiagram xml={guide.flow.xml} title={guide.name} /> : <p>暂无流程图。</p>}
      </section>
    </article>
  );
}
