// An independent SMSC (the npm package smpp) for the ESME interop test.
// Usage: node smsc.js [throttleFirst]
// Listens on 127.0.0.1 on a free port, prints one JSON line per event on stdout, the first naming the port. Answers
// submit_sm (throttling the first N when asked) and submit_multi (unsuccess_sme for numbers ending in 99 and for lists).
'use strict';
const smpp = require('smpp');

const throttleFirst = Number(process.argv[2] || 0);
let submits = 0;
let messageIds = 0;
const emit = (event) => process.stdout.write(JSON.stringify(event) + '\n');

const server = smpp.createServer((session) => {
  const bind = (pdu) => {
    emit({ event: pdu.command, system_id: pdu.system_id, password: pdu.password });
    session.send(pdu.response());
  };
  session.on('bind_transceiver', bind);
  session.on('bind_transmitter', bind);
  session.on('submit_sm', (pdu) => {
    submits += 1;
    const throttled = submits <= throttleFirst;
    const message = pdu.short_message || {};
    emit({
      event: 'submit_sm',
      sequence: pdu.sequence_number,
      source: pdu.source_addr,
      destination: pdu.destination_addr,
      data_coding: pdu.data_coding,
      esm_class: pdu.esm_class,
      registered_delivery: pdu.registered_delivery,
      udh: (message.udh || []).map((u) => Buffer.from(u).toString('hex')),
      text: typeof message.message === 'string' ? message.message : null,
      throttled,
    });
    if (throttled) {
      session.send(pdu.response({ command_status: smpp.ESME_RTHROTTLED }));
    } else {
      messageIds += 1;
      const id = 'node-' + messageIds;
      session.send(pdu.response({ message_id: id }));
      if ((pdu.registered_delivery & 0x03) === 0x01) {
        // A receipt in the text form of SMPP 3.4 Appendix B only, without TLVs, as many SMSCs send it.
        session.deliver_sm({
          source_addr: pdu.destination_addr,
          destination_addr: pdu.source_addr,
          esm_class: 0x04,
          short_message: 'id:' + id + ' sub:001 dlvrd:001 submit date:2611282300 done date:2611282300 stat:DELIVRD err:000 text:',
        }, (resp) => emit({ event: 'deliver_sm_resp', id, status: resp.command_status }));
      }
    }
  });
  session.on('submit_multi', (pdu) => {
    const message = pdu.short_message || {};
    emit({
      event: 'submit_multi',
      destinations: pdu.dest_address.map((d) => ('dl_name' in d ? { dl_name: d.dl_name } : { ton: d.dest_addr_ton, npi: d.dest_addr_npi, address: d.destination_addr })),
      data_coding: pdu.data_coding,
      text: typeof message.message === 'string' ? message.message : null,
    });
    // Numbers ending in 99 are unknown here, and this SMSC keeps no distribution lists.
    const unsuccess = pdu.dest_address
      .filter((d) => 'dl_name' in d || d.destination_addr.endsWith('99'))
      .map((d) => ('dl_name' in d
        ? { destination_addr: d.dl_name, error_status_code: smpp.ESME_RINVDLNAME }
        : { dest_addr_ton: d.dest_addr_ton, dest_addr_npi: d.dest_addr_npi, destination_addr: d.destination_addr, error_status_code: smpp.ESME_RINVDSTADR }));
    messageIds += 1;
    session.send(pdu.response({ message_id: 'node-' + messageIds, unsuccess_sme: unsuccess }));
  });
  session.on('enquire_link', (pdu) => {
    emit({ event: 'enquire_link' });
    session.send(pdu.response());
  });
  session.on('unbind', (pdu) => {
    emit({ event: 'unbind' });
    session.send(pdu.response());
    session.close();
  });
  session.on('error', (error) => emit({ event: 'error', message: String(error) }));
});

server.listen(0, '127.0.0.1', () => emit({ event: 'listening', port: server.address().port }));
