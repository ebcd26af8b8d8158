import { expect, it } from 'vitest';
import { textOf } from './e2e-harness.js';
import { describeTranscripts, fulfilledTold, inDays, type Transcript } from './play-transcript.js';

const accessUntil = inDays(30);

/**
 * Access, password resets and unlocks, and VPN, from the first message to fulfilment through the Direct Line
 * endpoint: the requester in their web chat, each approver in theirs, manual tasks closed by
 * the owner team through the API, identity steps against the identity fake over HTTP.
 */
const transcripts: Transcript[] = [
  {
    name: 'access, read: the manager approves and the identity system adds the entitlement group',
    requester: 'lucas.silva@example.com',
    steps: [
      ['I need access to Salesforce', 'What level of access do you need?'],
      [{ answer: 'read' }, 'Until when do you need it?'],
      ['skip', 'Why do you need this access?'],
      ['To see my accounts pipeline before customer calls', ['Application or folder: Salesforce', 'Access level: Read']],
      [{ click: 'Confirm' }, /REQ-\d+\. Waiting for Emma Johansson \(your manager\) to approve\./],
    ],
    approvals: [['emma.johansson@example.com', 'approve']],
    fulfil: {
      identity: [
        { method: 'GET', url: '/api/v1/users/lucas.silva%40example.com' },
        { method: 'GET', url: '/api/v1/groups?q=access%3Asalesforce%3Aread' },
        { method: 'PUT', url: '/api/v1/groups/{group:access:salesforce:read}/users/{user:lucas.silva@example.com}' },
      ],
    },
    expected: {
      status: 'fulfilled',
      told: fulfilledTold('Access to an application or shared folder'),
      history: [['submitted', 'lucas.silva@example.com'], ['awaiting_approval', 'system'], ['approved', 'emma.johansson@example.com'], ['in_fulfilment', 'emma.johansson@example.com'], ['fulfilled', 'system']],
      audit: [['emma.johansson@example.com', 'approval.approved'], ['system', 'fulfilment-step.started'], ['system', 'fulfilment-step.done'], ['system', 'request.fulfilled']],
    },
  },
  {
    name: 'access, privileged: admin on the AWS console also needs its owner',
    requester: 'alex.kim@example.com',
    steps: [
      ['I need admin access to the AWS console', ['Until when do you need it?', { not: 'What level of access' }]],
      ['skip', 'Why do you need this access?'],
      ['I run the platform on-call rotation from next month', 'Access level: Admin'],
      [{ click: 'Confirm' }, /Waiting for Dana Lee \(your manager\) to approve\./],
    ],
    approvals: [['dana.lee@example.com', 'approve'], ['ravi.shah@example.com', 'approve']],
    fulfil: {
      identity: [
        { method: 'GET', url: '/api/v1/users/alex.kim%40example.com' },
        { method: 'GET', url: '/api/v1/groups?q=access%3Aaws-console%3Aadmin' },
        { method: 'PUT', url: '/api/v1/groups/{group:access:aws-console:admin}/users/{user:alex.kim@example.com}' },
      ],
    },
    expected: {
      status: 'fulfilled',
      told: fulfilledTold('Access to an application or shared folder'),
      history: [['submitted', 'alex.kim@example.com'], ['awaiting_approval', 'system'], ['awaiting_approval', 'dana.lee@example.com'], ['approved', 'ravi.shah@example.com'], ['in_fulfilment', 'ravi.shah@example.com'], ['fulfilled', 'system']],
    },
  },
  {
    name: 'access, time-bound: write access to the engineering docs until a date',
    requester: 'jordan.rivera@example.com',
    steps: [
      ['need write access to the engineering docs folder', 'Until when do you need it?'],
      ['yesterday', 'Until when do you need it?'],
      [{ answer: accessUntil }, 'Why do you need this access?'],
      ['Updating the runbooks during the migration project', [`Access until: ${accessUntil}`, 'Access level: Write']],
      [{ click: 'Confirm' }, /Waiting for Dana Lee \(your manager\) to approve\./],
    ],
    approvals: [['dana.lee@example.com', 'approve']],
    fulfil: {
      identity: [
        { method: 'GET', url: '/api/v1/users/jordan.rivera%40example.com' },
        { method: 'GET', url: '/api/v1/groups?q=access%3Aengineering-docs%3Awrite' },
        { method: 'PUT', url: '/api/v1/groups/{group:access:engineering-docs:write}/users/{user:jordan.rivera@example.com}' },
      ],
    },
    expected: { status: 'fulfilled', told: fulfilledTold('Access to an application or shared folder'), fields: { system: 'engineering-docs', level: 'write', 'end-date': accessUntil } },
  },
  {
    name: 'password reset: no approval, a reset link through the identity system at once',
    requester: 'zoe.turner@example.com',
    steps: [
      ['I forgot my password', 'Which account is it?'],
      ['windows', ['What you need: Reset my password', 'Account: Company account']],
      [{ click: 'Confirm' }, [/REQ-\d+ \(Password reset or account unlock\) is fulfilled\./, { not: 'approve' }]],
    ],
    approvals: [],
    fulfil: {
      identity: [
        { method: 'GET', url: '/api/v1/users/zoe.turner%40example.com' },
        { method: 'POST', url: '/api/v1/users/{user:zoe.turner@example.com}/lifecycle/reset_password?sendEmail=true' },
      ],
    },
    expected: {
      status: 'fulfilled',
      // Fulfilled within the confirming turn: the answer to the click comes first, then the news.
      told: fulfilledTold('Password reset or account unlock'),
      history: [['submitted', 'zoe.turner@example.com'], ['approved', 'system'], ['in_fulfilment', 'system'], ['fulfilled', 'system']],
      audit: [['zoe.turner@example.com', 'request.submitted'], ['system', 'request.approved'], ['system', 'fulfilment-step.started'], ['system', 'fulfilment-step.done'], ['system', 'request.fulfilled']],
    },
  },
  {
    name: 'account unlock when the identity system refuses it: the request fails visibly and the requester is told',
    requester: 'sofia.rossi@example.com',
    // A refusal (4xx) is not retried; the system's outages (5xx, 429) are, by the failure policy.
    identityFailure: { match: /lifecycle\/unlock/, status: 403 },
    steps: [
      ['my account is locked', 'Which account is it?'],
      ['netsuite', ['What you need: Unlock my account', 'Account: NetSuite']],
      [{ click: 'Confirm' }, /could not be completed: Unlock NetSuite failed/],
    ],
    approvals: [],
    fulfil: {
      identity: [
        { method: 'GET', url: '/api/v1/users/sofia.rossi%40example.com' },
        { method: 'POST', url: '/api/v1/users/{user:sofia.rossi@example.com}/lifecycle/unlock' },
      ],
    },
    expected: {
      status: 'failed',
      // The answer to Confirm comes first; the failure, found within the same turn, follows it.
      told: /^REQ-\d+ \(Password reset or account unlock\) could not be completed: Unlock NetSuite failed \(.*\)\. The service desk can see it and will follow up\.$/,
      history: [['submitted', 'sofia.rossi@example.com'], ['approved', 'system'], ['in_fulfilment', 'system'], ['failed', 'system']],
      audit: [['system', 'fulfilment-step.started'], ['system', 'fulfilment-step.failed'], ['system', 'request.failed']],
    },
  },
  {
    name: 'VPN from the company laptop: the manager approves, the identity system adds the VPN group',
    requester: 'ben.walker@example.com',
    steps: [
      ['I need VPN access', 'Which device will you connect from?'],
      [{ answer: 'company-laptop' }, 'For how long do you need remote access?'],
      ['90 days', 'Why do you need remote access?'],
      ['Working from home three days a week', ['Device: My company laptop', 'Duration: 90 days']],
      [{ click: 'Confirm' }, /Waiting for Ravi Shah \(your manager\) to approve\./],
    ],
    approvals: [['ravi.shah@example.com', 'approve']],
    fulfil: {
      identity: [
        { method: 'GET', url: '/api/v1/users/ben.walker%40example.com' },
        { method: 'GET', url: '/api/v1/groups?q=vpn-users' },
        { method: 'PUT', url: '/api/v1/groups/{group:vpn-users}/users/{user:ben.walker@example.com}' },
      ],
    },
    expected: { status: 'fulfilled', told: fulfilledTold('VPN and remote access') },
  },
  {
    name: 'VPN from a personal device: security also approves; network enrols the device, then the identity system adds the VPN group',
    requester: 'chloe.martin@example.com',
    steps: [
      ['i need remote access from my own laptop', ['For how long do you need remote access?', { not: 'Which device' }]],
      [{ answer: '30-days' }, 'Why do you need remote access?'],
      ['On call from home while my work laptop is repaired', 'Device: A personal device'],
      [{ click: 'Confirm' }, /Waiting for Ravi Shah \(your manager\) to approve\./],
    ],
    approvals: [['ravi.shah@example.com', 'approve'], ['ines.duarte@example.com', 'approve']],
    fulfil: {
      tasks: [{ team: 'network', title: "Enrol Chloe Martin's personal device in device management", by: 'rachel.adeyemi@example.com', note: 'Enrolled in Intune, compliant' }],
      identity: [
        { method: 'GET', url: '/api/v1/users/chloe.martin%40example.com' },
        { method: 'GET', url: '/api/v1/groups?q=vpn-users' },
        { method: 'PUT', url: '/api/v1/groups/{group:vpn-users}/users/{user:chloe.martin@example.com}' },
      ],
    },
    expected: {
      status: 'fulfilled',
      told: fulfilledTold('VPN and remote access'),
      audit: [
        ['ravi.shah@example.com', 'approval.approved'], ['ines.duarte@example.com', 'approval.approved'], ['system', 'fulfilment-step.assigned'],
        ['rachel.adeyemi@example.com', 'fulfilment-step.done'], ['system', 'fulfilment-step.started'], ['system', 'fulfilment-step.done'], ['system', 'request.fulfilled'],
      ],
    },
  },
];

describeTranscripts('Transcripts: access, accounts and remote access, first message to fulfilment', transcripts, (session) => {
  it('password reset: the fourth in a day is refused with the limit, before any question is answered for nothing', async () => {
    const reset: Transcript['steps'] = [
      ['I forgot my password', 'Which account is it?'],
      [{ answer: 'network' }, 'Account: Company account'],
      [{ click: 'Confirm' }, [/REQ-\d+\. Fulfilment is starting; I will tell you when it is done\./, /REQ-\d+ \(Password reset or account unlock\) is fulfilled\./]],
    ];
    const { e } = await session.play({
      name: 'three resets', requester: 'kenji.watanabe@example.com', steps: [...reset, ...reset, ...reset], approvals: [],
      fulfil: {}, expected: { status: 'fulfilled' },
    });
    const kenji = await e.chat('kenji.watanabe@example.com');
    const fourth = textOf(await kenji.send('I forgot my password'));
    expect(fourth).toMatch(/You have reached the limit of 3 password resets in 24 hours; try again after/);
    expect(fourth).not.toContain('Which account is it?');
    const mine = await e.api('kenji.watanabe@example.com', 'GET', '/api/v1/requests?includeClosed=true');
    expect((mine.json() as { requests: unknown[] }).requests).toHaveLength(3);
    expect(e.identity.userByLogin('kenji.watanabe@example.com')!.passwordResetSent).toBe(3);
  });
});
