/**
 * The rules of a matter file that the JSON Schema cannot say: credit code check digits, 即办件
 * vs promised limit, limits compared, material ids unique, 容缺 consistent with the materials,
 * and an application form that compiles. Runs on a file the schema accepted.
 */
import type { TimeLimit } from '../model/index.js';
import { compileApplicationForm } from './application.js';
import { isValidCreditCode } from './credit-code.js';
import { fieldError } from './field-errors.js';
import type { FieldError, Matter } from './types.js';

/** Every semantic defect of a schema-valid matter (empty when none). */
export function semanticErrors(matter: Matter): FieldError[] {
  return [
    ...creditCodes(matter),
    ...limits(matter),
    ...materials(matter),
    ...tolerance(matter),
    ...applicationForm(matter),
  ];
}

function creditCodes(matter: Matter): FieldError[] {
  const codes: [string, string | undefined][] = [
    ['/implementer/creditCode', matter.implementer.creditCode],
    ...(matter.jointAgencies ?? []).map((agency, i): [string, string | undefined] => [
      `/jointAgencies/${i}/creditCode`,
      agency.creditCode,
    ]),
  ];
  return codes
    .filter(([, code]) => code !== undefined && !isValidCreditCode(code))
    .map(([field, code]) =>
      fieldError(
        field,
        'credit-code-check',
        `统一社会信用代码 ${code} 的校验码错误（GB 32100-2015）`,
        `Unified social credit code ${code} has a wrong check character (GB 32100-2015)`,
      ),
    );
}

function limits(matter: Matter): FieldError[] {
  const errors: FieldError[] = [];
  if (matter.caseType === 1 && matter.promisedLimit) {
    errors.push(
      fieldError(
        '/promisedLimit',
        'instant-case-promised-limit',
        '即办件当场办结，不设承诺办结时限',
        'An on-the-spot case (即办件) has no promised time limit',
      ),
    );
  }
  if (matter.caseType === 2 && !matter.promisedLimit) {
    errors.push(
      fieldError(
        '/promisedLimit',
        'promised-limit-missing',
        '承诺件必须设承诺办结时限',
        'A promised case (承诺件) needs a promised time limit',
      ),
    );
  }
  if (matter.promisedLimit && longer(matter.promisedLimit, matter.legalLimit)) {
    errors.push(
      fieldError(
        '/promisedLimit/amount',
        'promised-exceeds-legal',
        '承诺办结时限不得长于法定办结时限',
        'The promised time limit may not be longer than the legal time limit',
      ),
    );
  }
  return errors;
}

function materials(matter: Matter): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  matter.materials.forEach((material, i) => {
    if (seen.has(material.id)) {
      errors.push(
        fieldError(
          `/materials/${i}/id`,
          'material-id-duplicate',
          `材料编号 ${material.id} 重复`,
          `Material id ${material.id} is used twice`,
        ),
      );
    }
    seen.add(material.id);
    if (material.necessity === 'tolerated' && !matter.tolerance?.allowed) {
      errors.push(
        fieldError(
          `/materials/${i}/necessity`,
          'tolerated-without-tolerance',
          '事项未开通容缺受理，材料不能标为可容缺',
          'A material can be 容缺-eligible only when the matter allows 容缺受理',
        ),
      );
    }
    if (material.source === 'shared' && material.form !== 'electronic') {
      errors.push(
        fieldError(
          `/materials/${i}/form`,
          'shared-material-not-electronic',
          '共享调取的材料（免证办）应为电子证照',
          'A shared material (免证办) is an electronic licence',
        ),
      );
    }
  });
  return errors;
}

function tolerance(matter: Matter): FieldError[] {
  const options = matter.tolerance;
  if (!options?.allowed) return [];
  const errors: FieldError[] = [];
  if (!matter.materials.some((material) => material.necessity === 'tolerated')) {
    errors.push(
      fieldError(
        '/tolerance/allowed',
        'tolerance-without-tolerated-materials',
        '开通容缺受理但没有可容缺的材料',
        '容缺受理 is allowed but no material is 容缺-eligible',
      ),
    );
  }
  const bound = matter.promisedLimit ?? matter.legalLimit;
  if (options.supplementDeadline && longer(options.supplementDeadline, bound)) {
    errors.push(
      fieldError(
        '/tolerance/supplementDeadline/amount',
        'supplement-exceeds-promised',
        '容缺补交期限不得超过承诺办结时限',
        'The 容缺 supplement deadline may not exceed the promised time limit',
      ),
    );
  }
  return errors;
}

function applicationForm(matter: Matter): FieldError[] {
  const form = compileApplicationForm(matter.applicationForm);
  return form.ok
    ? []
    : [
        fieldError(
          '/applicationForm',
          'application-form-invalid',
          `申请表单不是可用的 JSON Schema：${form.reason}`,
          `The application form is not a usable JSON Schema: ${form.reason}`,
        ),
      ];
}

/** Whether `a` is longer than `b`, when they are in the same unit (other pairs are not compared). */
function longer(a: TimeLimit, b: TimeLimit): boolean {
  return a.unit === b.unit && a.amount > b.amount;
}
