import { afterEach, describe, expect, it } from 'vitest';
import { textOf, type E2E } from './e2e-harness.js';
import { playTranscript, type Transcript } from './play-transcript.js';

/** A date `n` days from today, as people type it. */
function inDays(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}
const accessUntil = inDays(30);
const startDate = inDays(21);

const fulfilledTold = (title: string) => new RegExp(`^REQ-\\d+ \\(${title.replace(/[()]/g, '\\$&')}\\) is fulfilled\\.$`);

/**
 * Every sample request type from the first message to fulfilment, through the Direct Line
 * endpoint: the requester in their web chat, each approver in theirs, manual tasks closed by
 * the owner team through the API, identity steps against the identity fake over HTTP.
 */
const transcripts: Transcript[] = [
  {
    name: 'laptop under the cost threshold: the manager approves, it-hardware allocates from stock',
    requester: 'ethan.brooks@example.com',
    steps: [
      ['I need a new laptop', ['Which device do you need?', 'MacBook Air 13"', { not: 'MacBook Pro 16' }]],
      [{ answer: 'macbook-air-13' }, 'Is this a replacement, an upgrade, or an additional device?'],
      ['replacement', 'What is the asset tag'],
      ['LT-1', 'An asset tag looks like LT-10234'],
      ['LT-10234', 'Where should we deliver it?'],
      [{ answer: 'London' }, ['Device: MacBook Air 13"', 'Cost: 1299', { not: 'CFO' }]],
      [{ click: 'Confirm' }, /your Laptop or other hardware request is REQ-\d+\. Waiting for Nina Petrova \(your manager\) to approve\./],
    ],
    approvals: [['nina.petrova@example.com', 'approve']],
    fulfil: { tasks: [{ team: 'it-hardware', title: /^Allocate MacBook Air 13" .* from stock and ship to London$/, by: 'carlos.mendes@example.com', note: 'Allocated LT-20411, sent by courier' }] },
    expected: {
      status: 'fulfilled',
      told: fulfilledTold('Laptop or other hardware'),
      fields: { model: 'macbook-air-13', reason: 'replacement', 'asset-tag': 'LT-10234', 'delivery-location': 'London' },
      history: [
        ['submitted', 'ethan.brooks@example.com'], ['awaiting_approval', 'system'], ['approved', 'nina.petrova@example.com'],
        ['in_fulfilment', 'nina.petrova@example.com'], ['fulfilled', 'system'],
      ],
      audit: [
        ['ethan.brooks@example.com', 'request.submitted'], ['system', 'request.awaiting_approval'], ['nina.petrova@example.com', 'approval.approved'],
        ['nina.petrova@example.com', 'request.approved'], ['nina.petrova@example.com', 'request.in_fulfilment'], ['system', 'fulfilment-step.assigned'],
        ['carlos.mendes@example.com', 'fulfilment-step.done'], ['system', 'request.fulfilled'],
      ],
    },
  },
  {
    name: 'laptop over the cost threshold: a justification, the manager then the CFO approve; procurement buys, it-hardware ships',
    requester: 'sam.patel@example.com',
    steps: [
      ['can i get a macbook pro 16 pls', ['Is this a replacement, an upgrade, or an additional device?', { not: 'Which device' }]],
      [{ answer: 'upgrade' }, 'What is the asset tag'],
      [{ answer: 'unknown' }, 'costs more than 2,000 EUR, so the CFO approves it too'],
      ['too short', 'at least 15'],
      ['I build and profile large iOS apps all day long', 'Where should we deliver it?'],
      [{ answer: 'Berlin office, 2nd floor' }, ['MacBook Pro 16"', 'Business justification: I build and profile large iOS apps all day long', '3899']],
      [{ click: 'Confirm' }, /REQ-\d+\. Waiting for Dana Lee \(your manager\) to approve\./],
    ],
    approvals: [['dana.lee@example.com', 'approve'], ['marcus.chen@example.com', 'approve']],
    fulfil: {
      tasks: [
        { team: 'procurement', title: /^Purchase MacBook Pro 16" .*\(cost centre CC-3100\)$/, by: 'omar.farouk@example.com', note: 'PO-7781 placed with Apple, delivered to IT' },
        { team: 'it-hardware', title: /^Prepare and ship MacBook Pro 16" .* to Berlin office, 2nd floor$/, by: 'julia.weber@example.com', note: 'Imaged and shipped, tracking DHL 123' },
      ],
    },
    expected: {
      status: 'fulfilled',
      told: fulfilledTold('Laptop or other hardware'),
      history: [
        ['submitted', 'sam.patel@example.com'], ['awaiting_approval', 'system'], ['awaiting_approval', 'dana.lee@example.com'],
        ['approved', 'marcus.chen@example.com'], ['in_fulfilment', 'marcus.chen@example.com'], ['fulfilled', 'system'],
      ],
      audit: [
        ['sam.patel@example.com', 'request.submitted'], ['dana.lee@example.com', 'approval.approved'], ['marcus.chen@example.com', 'approval.approved'],
        ['marcus.chen@example.com', 'request.in_fulfilment'], ['omar.farouk@example.com', 'fulfilment-step.done'],
        ['julia.weber@example.com', 'fulfilment-step.done'], ['system', 'request.fulfilled'],
      ],
    },
  },
  {
    name: 'software: "I need Photoshop" skips the product question; the manager approves, it-software assigns the seat',
    requester: 'maya.fischer@example.com',
    steps: [
      ['I need Photoshop', ['What will you use it for?', { not: 'Which software do you need?' }]],
      ['Retouching product photos for the launch', 'By when do you need it?'],
      ['skip', ['Product: Adobe Photoshop', 'Business justification: Retouching product photos for the launch']],
      [{ click: 'Confirm' }, /REQ-\d+\. Waiting for Lena Novak \(your manager\) to approve\./],
    ],
    approvals: [['lena.novak@example.com', 'approve']],
    fulfil: { tasks: [{ team: 'it-software', title: 'Assign a Adobe Photoshop licence to maya.fischer@example.com and install it', by: 'julia.weber@example.com', note: 'Seat assigned in the Adobe admin console' }] },
    expected: {
      status: 'fulfilled',
      told: fulfilledTold('Software licence'),
      fields: { product: 'adobe-photoshop', justification: 'Retouching product photos for the launch' },
      history: [['submitted', 'maya.fischer@example.com'], ['awaiting_approval', 'system'], ['approved', 'lena.novak@example.com'], ['in_fulfilment', 'lena.novak@example.com'], ['fulfilled', 'system']],
    },
  },
  {
    name: 'software, restricted: Wireshark needs the security group after the manager',
    requester: 'chloe.martin@example.com',
    steps: [
      ['i need wireshark', 'What will you use it for?'],
      ['Debugging TLS handshakes between our services', 'By when do you need it?'],
      ['skip', 'Product: Wireshark'],
      [{ click: 'Confirm' }, /REQ-\d+\. Waiting for Ravi Shah \(your manager\) to approve\./],
    ],
    approvals: [['ravi.shah@example.com', 'approve'], ['ines.duarte@example.com', 'approve']],
    fulfil: { tasks: [{ team: 'it-software', title: /Wireshark licence to chloe\.martin@example\.com/, by: 'fatima.haddad@example.com', note: 'Installed through Intune' }] },
    expected: {
      status: 'fulfilled',
      told: fulfilledTold('Software licence'),
      audit: [['ravi.shah@example.com', 'approval.approved'], ['ines.duarte@example.com', 'approval.approved'], ['fatima.haddad@example.com', 'fulfilment-step.done']],
    },
  },
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
      // Fulfilled within the confirming turn, so the answer to the click comes last.
      told: /^Done: your Password reset or account unlock request is REQ-\d+\. It is done\.$/,
      history: [['submitted', 'zoe.turner@example.com'], ['approved', 'system'], ['in_fulfilment', 'system'], ['fulfilled', 'system']],
      audit: [['zoe.turner@example.com', 'request.submitted'], ['system', 'request.approved'], ['system', 'fulfilment-step.started'], ['system', 'fulfilment-step.done'], ['system', 'request.fulfilled']],
    },
  },
  {
    name: 'account unlock when the identity system fails: the request fails visibly and the requester is told',
    requester: 'sofia.rossi@example.com',
    identityFailure: { match: /lifecycle\/unlock/, status: 503 },
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
      told: /It could not be completed \(Failed at Unlock NetSuite\); the service desk can see it and will follow up\.$/,
      history: [['submitted', 'sofia.rossi@example.com'], ['approved', 'system'], ['in_fulfilment', 'system'], ['failed', 'system']],
      audit: [['system', 'fulfilment-step.started'], ['system', 'fulfilment-step.failed'], ['system', 'request.failed']],
    },
  },
  {
    name: 'onboarding by a manager: their manager confirms the hire; the account is created, then each team does its part',
    requester: 'emma.johansson@example.com',
    steps: [
      ['we have a new starter joining my team', "What is the new joiner's full name?"],
      ['Mia Lopez', 'What is their personal email?'],
      ['mia.lopez@gmail.com', 'When do they start?'],
      [{ answer: startDate }, 'Which department do they join?'],
      [{ answer: 'sales' }, 'What kind of role is it?'],
      [{ answer: 'sales' }, 'What is their job title?'],
      ['Account Executive', 'Who will be their manager?'],
      [{ answer: 'emma.johansson@example.com' }, 'Which office will they work from?'],
      [{ answer: 'London' }, ["New joiner's name: Mia Lopez", 'Start date: ' + startDate, 'Department: Sales']],
      [{ click: 'Confirm' }, /Waiting for Diego Alvarez \(your manager\) to approve\./],
    ],
    approvals: [['diego.alvarez@example.com', 'approve']],
    fulfil: {
      identity: [{
        method: 'POST', url: '/api/v1/users?activate=false',
        body: { profile: { firstName: 'Mia', lastName: 'Lopez', login: 'mia.lopez@example.com', secondEmail: 'mia.lopez@gmail.com', department: 'sales', userType: 'sales', managerId: 'emma.johansson@example.com', city: 'London', startDate } },
      }],
      tasks: [
        { team: 'messaging', title: 'Add Mia Lopez to the Sales distribution lists and shared mailboxes', by: 'peter.lindqvist@example.com', note: 'Added to sales-emea and leads@' },
        { team: 'it-hardware', title: `Prepare a Dell Latitude 7440 for Mia Lopez, ready at London on ${startDate}`, by: 'carlos.mendes@example.com', note: 'Imaged, on her desk' },
        { team: 'it-software', title: 'Set up Salesforce and Zoom Pro for Mia Lopez', by: 'julia.weber@example.com', note: 'Licences assigned' },
        { team: 'telecom', title: 'Order and activate a mobile phone for Mia Lopez', by: 'rachel.adeyemi@example.com', note: 'iPhone 15 activated' },
      ],
    },
    expected: {
      status: 'fulfilled',
      told: fulfilledTold('New joiner onboarding'),
      fields: { 'joiner-name': 'Mia Lopez', 'personal-email': '••••', department: 'sales', role: 'sales' },
      neverShown: ['mia.lopez@gmail.com'],
      audit: [
        ['emma.johansson@example.com', 'request.submitted'], ['diego.alvarez@example.com', 'approval.approved'], ['system', 'fulfilment-step.done'],
        ['peter.lindqvist@example.com', 'fulfilment-step.done'], ['carlos.mendes@example.com', 'fulfilment-step.done'],
        ['julia.weber@example.com', 'fulfilment-step.done'], ['rachel.adeyemi@example.com', 'fulfilment-step.done'], ['system', 'request.fulfilled'],
      ],
    },
  },
  {
    name: 'onboarding by someone who is not a manager: refused at once, nothing recorded',
    requester: 'lucas.silva@example.com',
    steps: [['we have a new starter joining my team', ['Only people managers can start an onboarding request', { not: "new joiner's full name" }]]],
    approvals: [],
    fulfil: {},
    expected: { status: 'none' },
  },
  {
    name: 'distribution list: the list owner approves, messaging adds the member',
    requester: 'aisha.khan@example.com',
    steps: [
      ['please add me to the sales emea distribution list', 'Who should be added or removed?'],
      [{ answer: 'aisha.khan@example.com' }, 'Why do they need it?'],
      ['I joined the EMEA team last week', ['List or mailbox: sales-emea@example.com', 'Join or leave: Add']],
      [{ click: 'Confirm' }, /Waiting for Emma Johansson \(.*\) to approve\./],
    ],
    approvals: [['emma.johansson@example.com', 'approve']],
    fulfil: { tasks: [{ team: 'messaging', title: 'Add aisha.khan@example.com on sales-emea@example.com', by: 'peter.lindqvist@example.com', note: 'Added in Exchange admin' }] },
    expected: { status: 'fulfilled', told: fulfilledTold('Distribution list or shared mailbox membership') },
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
  {
    name: 'onboarding by an executive: pre-authorised, so the account is created at once and the teams get their tasks',
    requester: 'priya.raman@example.com',
    steps: [
      ['I want to onboard a new hire', "What is the new joiner's full name?"],
      ['Tomás Ortega', 'What is their personal email?'],
      ['tomas.ortega@example.org', 'When do they start?'],
      [{ answer: startDate }, 'Which department do they join?'],
      ['engineering', 'What kind of role is it?'],
      ['engineer', 'What is their job title?'],
      ['Staff Engineer', 'Who will be their manager?'],
      ['dana.lee@example.com', 'Which office will they work from?'],
      ['berlin', 'Manager: dana.lee@example.com'],
      [{ click: 'Confirm' }, [/REQ-\d+\. Next: Add Tomás Ortega to the Engineering distribution lists/, { not: 'approve' }]],
    ],
    approvals: [],
    fulfil: {
      identity: [{ method: 'POST', url: '/api/v1/users?activate=false', body: { profile: { firstName: 'Tomás', lastName: 'Ortega', login: 'tomas.ortega@example.com', managerId: 'dana.lee@example.com', city: 'Berlin' } } }],
      tasks: [
        { team: 'messaging', title: /Engineering distribution lists/, by: 'peter.lindqvist@example.com', note: 'Added to engineering@' },
        { team: 'it-hardware', title: /^Prepare a MacBook Pro 14 for Tomás Ortega, ready at Berlin/, by: 'julia.weber@example.com', note: 'Ready at the Berlin desk' },
        { team: 'it-software', title: 'Set up GitHub, Jira, IntelliJ and Docker Desktop for Tomás Ortega', by: 'fatima.haddad@example.com', note: 'Accounts and licences ready' },
      ],
    },
    expected: {
      status: 'fulfilled',
      told: fulfilledTold('New joiner onboarding'),
      history: [['submitted', 'priya.raman@example.com'], ['approved', 'system'], ['in_fulfilment', 'system'], ['fulfilled', 'system']],
      neverShown: ['tomas.ortega@example.org'],
    },
  },
  {
    name: 'mobile phone: the manager approves, telecom orders and activates it',
    requester: 'noah.schmidt@example.com',
    steps: [
      ['I need a work phone', 'Which phone would you like?'],
      [{ answer: 'iphone-15-pro' }, 'Is this your first work phone or a replacement?'],
      ['first', 'Do you travel abroad for work and need international roaming?'],
      [{ click: 'Yes' }, 'Where should we deliver it?'],
      [{ answer: 'Remote' }, ['Phone: iPhone 15 Pro', 'International roaming: Yes', 'Cost: 1249']],
      [{ click: 'Confirm' }, /Waiting for Emma Johansson \(your manager\) to approve\./],
    ],
    approvals: [['emma.johansson@example.com', 'approve']],
    fulfil: { tasks: [{ team: 'telecom', title: 'Order iPhone 15 Pro (256 GB), activate the SIM and ship to Remote', by: 'rachel.adeyemi@example.com', note: 'Shipped with eSIM activated' }] },
    expected: { status: 'fulfilled', told: fulfilledTold('Mobile phone'), fields: { model: 'iphone-15-pro', reason: 'first', roaming: true } },
  },
  {
    name: 'mobile phone denied by the manager: rejected, with the reason told to the requester',
    requester: 'lucas.silva@example.com',
    steps: [
      ['can i get a work phone pls', 'Which phone would you like?'],
      [{ answer: 'pixel-8' }, 'Is this your first work phone or a replacement?'],
      [{ answer: 'replacement' }, 'international roaming?'],
      [{ click: 'No' }, 'Where should we deliver it?'],
      [{ answer: 'London' }, 'Phone: Google Pixel 8'],
      [{ click: 'Confirm' }, /REQ-\d+/],
    ],
    approvals: [['emma.johansson@example.com', 'deny', 'Your phone was replaced in March; use the spare pool']],
    fulfil: {},
    expected: {
      status: 'rejected',
      told: /^REQ-\d+ \(Mobile phone\) was denied by Emma Johansson \(your manager\): Your phone was replaced in March; use the spare pool$/,
      history: [['submitted', 'lucas.silva@example.com'], ['awaiting_approval', 'system'], ['rejected', 'emma.johansson@example.com']],
      audit: [['emma.johansson@example.com', 'approval.denied'], ['emma.johansson@example.com', 'request.rejected']],
    },
  },
];

describe('Transcripts: every sample request type, first message to fulfilment, through Direct Line', () => {
  let e: E2E | undefined;
  afterEach(async () => {
    await e?.close();
    e = undefined;
  });

  it.each(transcripts.map((t) => [t.name, t] as const))('%s', async (_name, t) => {
    ({ e } = await playTranscript(t));
  });

  it('password reset: the fourth in a day is refused with the limit, before any question is answered for nothing', async () => {
    const reset: Transcript['steps'] = [
      ['I forgot my password', 'Which account is it?'],
      [{ answer: 'network' }, 'Account: Company account'],
      [{ click: 'Confirm' }, /REQ-\d+\. It is done\./],
    ];
    ({ e } = await playTranscript({
      name: 'three resets', requester: 'kenji.watanabe@example.com', steps: [...reset, ...reset, ...reset], approvals: [],
      fulfil: {}, expected: { status: 'fulfilled' },
    }));
    const kenji = await e.chat('kenji.watanabe@example.com');
    const fourth = textOf(await kenji.send('I forgot my password'));
    expect(fourth).toMatch(/You have reached the limit of 3 password resets in 24 hours; try again after/);
    expect(fourth).not.toContain('Which account is it?');
    const mine = await e.api('kenji.watanabe@example.com', 'GET', '/api/v1/requests?includeClosed=true');
    expect((mine.json() as { requests: unknown[] }).requests).toHaveLength(3);
    expect(e.identity.userByLogin('kenji.watanabe@example.com')!.passwordResetSent).toBe(3);
  });
});
