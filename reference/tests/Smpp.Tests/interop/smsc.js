// An independent SMSC (the npm package smpp) for the ESME interop test.
// Usage: node smsc.js [throttleFirst]
// Listens on 127.0.0.1 on a free port, prints one JSON line per event on stdout, the first naming the port.
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
      udh: (message.udh || []).map((u) => Buffer.from(u).toString('hex')),
      text: typeof message.message === 'string' ? message.message : null,
      throttled,
    });
    if (throttled) {
      session.send(pdu.response({ command_status: smpp.ESME_RTHROTTLED }));
    } else {
      messageIds += 1;
      session.send(pdu.response({ message_id: 'node-' + messageIds }));
    }
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
