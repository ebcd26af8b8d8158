import { describeTranscripts, fulfilledTold, type Transcript } from './play-transcript.js';

/**
 * Laptops, software, phones and mailing lists, from the first message to fulfilment through the Direct Line
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
      [{ answer: 'London' }, ['Device: MacBook Air 13"', 'Cost: €1,299.00', { not: 'CFO' }]],
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
      [{ answer: 'Berlin office, 2nd floor' }, ['MacBook Pro 16"', 'Business justification: I build and profile large iOS apps all day long', 'Cost: €3,899.00']],
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
    name: 'distribution list: the list owner approves, messaging adds the member',
    requester: 'aisha.khan@example.com',
    steps: [
      ['please add me to the sales emea distribution list', 'Who should be added or removed?'],
      [{ answer: 'aisha.khan@example.com' }, 'The owner sees your answer'],
      ['I joined the EMEA team last week', ['List or mailbox: sales-emea@example.com', 'Join or leave: Add']],
      [{ click: 'Confirm' }, /Waiting for Emma Johansson \(.*\) to approve\./],
    ],
    approvals: [['emma.johansson@example.com', 'approve']],
    fulfil: { tasks: [{ team: 'messaging', title: 'Add aisha.khan@example.com on sales-emea@example.com', by: 'peter.lindqvist@example.com', note: 'Added in Exchange admin' }] },
    expected: { status: 'fulfilled', told: fulfilledTold('Distribution list or shared mailbox membership') },
  },
  {
    name: 'distribution list: removing someone else waits for the list owner',
    requester: 'aisha.khan@example.com',
    steps: [
      ['please remove someone from the sales emea distribution list', 'Who should be added or removed?'],
      ['noah.schmidt@example.com', 'The owner sees your answer'],
      ['He moved to the APAC team', ['Join or leave: Remove', 'Member: noah.schmidt@example.com']],
      [{ click: 'Confirm' }, /Waiting for Emma Johansson \(owner of .*\) to approve\./],
    ],
    approvals: [['emma.johansson@example.com', 'approve']],
    fulfil: { tasks: [{ team: 'messaging', title: 'Remove noah.schmidt@example.com on sales-emea@example.com', by: 'peter.lindqvist@example.com', note: 'Removed in Exchange admin' }] },
    expected: {
      status: 'fulfilled',
      told: fulfilledTold('Distribution list or shared mailbox membership'),
      audit: [
        ['aisha.khan@example.com', 'request.submitted'], ['system', 'request.awaiting_approval'], ['emma.johansson@example.com', 'approval.approved'],
        ['emma.johansson@example.com', 'request.approved'], ['emma.johansson@example.com', 'request.in_fulfilment'], ['system', 'fulfilment-step.assigned'],
        ['peter.lindqvist@example.com', 'fulfilment-step.done'], ['system', 'request.fulfilled'],
      ],
    },
  },
  {
    name: 'distribution list: leaving a list yourself needs no approval',
    requester: 'aisha.khan@example.com',
    steps: [
      ['take me off the sales emea distribution list', 'Should the person be added or removed?'],
      ['remove', 'Who should be added or removed?'],
      [{ answer: 'aisha.khan@example.com' }, ['Join or leave: Remove', 'Member: aisha.khan@example.com', { not: 'Reason' }]],
      [{ click: 'Confirm' }, { not: 'Waiting for' }],
    ],
    approvals: [],
    fulfil: { tasks: [{ team: 'messaging', title: 'Remove aisha.khan@example.com on sales-emea@example.com', by: 'peter.lindqvist@example.com', note: 'Removed in Exchange admin' }] },
    expected: {
      status: 'fulfilled',
      told: fulfilledTold('Distribution list or shared mailbox membership'),
      history: [['submitted', 'aisha.khan@example.com'], ['approved', 'system'], ['in_fulfilment', 'system'], ['fulfilled', 'system']],
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
      [{ answer: 'Remote' }, ['Phone: iPhone 15 Pro', 'International roaming: Yes', 'Cost: €1,249.00']],
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

describeTranscripts('Transcripts: hardware, software and mailing lists, first message to fulfilment', transcripts);
