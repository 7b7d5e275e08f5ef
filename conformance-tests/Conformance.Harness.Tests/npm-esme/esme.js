// An independent ESME (the npm package smpp) for the suite SMSC interop test.
// Usage: node esme.js PORT SYSTEM_ID PASSWORD
// Binds, submits a flash SMS (0x18), a plain SMS (0x08), a two-segment message with a UDH it builds itself and a
// GSM 7-bit message (0x00) asking for a delivery receipt, waits for the receipt, submits one notice to two numbers and
// a distribution list with submit_multi, sends enquire_link, unbinds, and prints one JSON line per response on stdout.
'use strict';
const smpp = require('smpp');

const [port, systemId, password] = process.argv.slice(2);
const emit = (event) => process.stdout.write(JSON.stringify(event) + '\n');
const session = smpp.connect({ url: 'smpp://127.0.0.1:' + port, auto_enquire_link_period: 0 });
const request = (command, fields) => new Promise((resolve) => session[command](fields, resolve));
const answer = (name, pdu) => emit({
  event: name,
  command: pdu.command,
  status: pdu.command_status,
  message_id: pdu.message_id || null,
  unsuccess_sme: pdu.unsuccess_sme || null,
});

session.on('error', (error) => {
  emit({ event: 'error', message: String(error) });
  process.exit(2);
});

let receiptArrived;
const receipt = new Promise((resolve) => { receiptArrived = resolve; });
session.on('deliver_sm', (pdu) => {
  const message = pdu.short_message || {};
  emit({
    event: 'receipt',
    esm_class: pdu.esm_class,
    receipted_message_id: pdu.receipted_message_id || null,
    message_state: pdu.message_state === undefined ? null : pdu.message_state,
    text: typeof message.message === 'string' ? message.message : null,
  });
  session.send(pdu.response());
  receiptArrived();
});

session.on('connect', async () => {
  answer('bind', await request('bind_transceiver', { system_id: systemId, password }));
  answer('flash', await request('submit_sm', {
    source_addr: '12321',
    destination_addr: '13800138001',
    data_coding: 0x18,
    short_message: smpp.encodings.UCS2.encode('【安全提示】来电被标记为骚扰电话'),
  }));
  answer('notice', await request('submit_sm', {
    source_addr: '12321',
    destination_addr: '13800138002',
    data_coding: 0x08,
    short_message: '已为您拦截一次冒用号码来电',
  }));
  for (const [sequence, part] of [[1, '第一段'], [2, '第二段']]) {
    answer('segment', await request('submit_sm', {
      source_addr: '12321',
      destination_addr: '13800138003',
      data_coding: 0x08,
      short_message: { udh: Buffer.from([0x05, 0x00, 0x03, 0x7b, 0x02, sequence]), message: part },
    }));
  }
  answer('gsm', await request('submit_sm', {
    source_addr: '12321',
    destination_addr: '13800138004',
    data_coding: 0x00,
    registered_delivery: 0x01,
    short_message: 'Call from +8613800000000 blocked {spoofed} 5€ [ok] @home',
  }));
  await Promise.race([receipt, new Promise((resolve) => setTimeout(resolve, 5000))]);
  answer('multi', await request('submit_multi', {
    source_addr: '12321',
    dest_address: [
      { dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '13800138006' },
      { dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '13800138007' },
      { dl_name: 'all-callees' },
    ],
    data_coding: 0x08,
    short_message: '同一提醒发给两位用户',
  }));
  answer('enquire_link', await request('enquire_link', {}));
  answer('unbind', await request('unbind', {}));
  session.close();
});
