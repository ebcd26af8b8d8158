import { describeTranscripts, fulfilledTold, inDays, type Transcript } from './play-transcript.js';

const startDate = inDays(21);

/**
 * Onboarding (managers, executives, and who may not ask), from the first message to fulfilment through the Direct Line
 * endpoint: the requester in their web chat, each approver in theirs, manual tasks closed by
 * the owner team through the API, identity steps against the identity fake over HTTP.
 */
const transcripts: Transcript[] = [
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
      identity: [{ method: 'GET', url: '/api/v1/users/mia.lopez%40example.com' }, {
        method: 'POST', url: '/api/v1/users?activate=false',
        body: { profile: { firstName: 'Mia', lastName: 'Lopez', login: 'mia.lopez@example.com', secondEmail: 'mia.lopez@gmail.com', department: 'sales', userType: 'sales', managerId: 'emma.johansson@example.com', city: 'London', startDate } },
      }],
      tasks: [
        { team: 'messaging', title: 'Add Mia Lopez to the Sales distribution lists and shared mailboxes', by: 'peter.lindqvist@example.com', note: 'Added to sales-emea and leads@' },
        { team: 'identity', title: /^Give Mia Lopez the Sales bundle: groups all-staff, sales; access to Salesforce/, by: 'peter.lindqvist@example.com', note: 'Groups and access given' },
        { team: 'it-hardware', title: `Prepare a Dell Latitude 7440 (i7, 16 GB) for Mia Lopez, ready at London on ${startDate}`, by: 'carlos.mendes@example.com', note: 'Imaged, on her desk' },
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
        ['peter.lindqvist@example.com', 'fulfilment-step.done'], ['peter.lindqvist@example.com', 'fulfilment-step.done'], ['carlos.mendes@example.com', 'fulfilment-step.done'],
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
      [{ click: 'Confirm' }, [/REQ-\d+\. Fulfilment is starting; I will tell you when it is done\./, { not: 'approve' }]],
    ],
    approvals: [],
    fulfil: {
      identity: [{ method: 'GET', url: '/api/v1/users/tomas.ortega%40example.com' }, { method: 'POST', url: '/api/v1/users?activate=false', body: { profile: { firstName: 'Tomás', lastName: 'Ortega', login: 'tomas.ortega@example.com', managerId: 'dana.lee@example.com', city: 'Berlin' } } }],
      tasks: [
        { team: 'messaging', title: /Engineering distribution lists/, by: 'peter.lindqvist@example.com', note: 'Added to engineering@' },
        { team: 'identity', title: /^Give Tomás Ortega the Engineering, engineers bundle: groups all-staff, engineering, developers;/, by: 'peter.lindqvist@example.com', note: 'Groups and access given' },
        { team: 'it-hardware', title: /^Prepare a MacBook Pro 14" \(M3 Pro, 36 GB\) for Tomás Ortega, ready at Berlin/, by: 'julia.weber@example.com', note: 'Ready at the Berlin desk' },
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
];

describeTranscripts('Transcripts: new joiner onboarding, first message to fulfilment', transcripts);
