@reporting
Feature: Report intake and tickets
  Users report harassing and fraudulent numbers (举报) through every channel the carrier offers: the phone line, the
  web page and the app (channel phone, web, app). Each report is answered 201 with a ticket id, and the ticket
  (GET /v1/tickets/{id}) is routed to the department competent for the report's category, by a routing table that
  is data. A repeat by the same reporter while their ticket on the number is open is answered with that ticket, marked
  duplicate: it opens no second ticket and counts once towards the label. A text longer than the report text limit
  (parameters.reportTextLimit, default 500 characters) is refused with problem+json naming "text", and opens no ticket.
  A report sent again with the same Idempotency-Key and content is answered as the first was; the key with another
  report is refused 422.

  Departments (code · name): public-security 公安机关 · telecom-administration 通信管理局 · financial-regulator 金融监管部门 ·
  housing-administration 住房和城乡建设部门 · human-resources 人力资源和社会保障部门.

  Background:
    Given a caller on a domestic carrier

  Rule: Every channel takes reports, each answered with its ticket

    @REP-TKT-001 @pics:REP-TKT
    Scenario Outline: A report through the <channel> channel is answered with a ticket
      When a subscriber reports the caller as "harassment" through the "<channel>" channel
      Then the report is answered 201 with a ticket id
      And the ticket holds the caller's number, the category "harassment" and the channel "<channel>", in state "received"

      Examples:
        | channel |
        | phone   |
        | web     |
        | app     |

  Rule: A ticket goes to the department competent for its category

    @REP-TKT-002 @pics:REP-TKT
    Scenario Outline: A report of category <category> is routed to <department>
      When a subscriber reports the caller as "<category>" through the "phone" channel
      Then the ticket is routed to the department "<department>"

      Examples:
        | category          | department             |
        | fraud             | public-security        |
        | harassment        | telecom-administration |
        | advertising       | telecom-administration |
        | real-estate       | housing-administration |
        | insurance-finance | financial-regulator    |
        | loans             | financial-regulator    |
        | recruitment       | human-resources        |

  Rule: A text over the limit is refused and opens no ticket

    @REP-TKT-003 @pics:REP-TKT
    Scenario: A report one character over the text limit is refused and opens no ticket
      When a subscriber attempts to report the caller with a text one character longer than the report text limit
      Then the report is refused 400 with problem+json naming the field "text"
      And the caller's number has no ticket

    @REP-TKT-003 @pics:REP-TKT
    Scenario: A report with a text as long as the limit is taken with its ticket
      When a subscriber attempts to report the caller with a text as long as the report text limit
      Then the report is answered 201 with a ticket id
      And the caller's number has 1 ticket

  Rule: A reporter's repeat meets their open ticket

    @REP-DUP-001 @pics:REP-TKT
    Scenario: A repeat by the same reporter is answered with the open ticket and opens no other
      When a subscriber reports the caller as "fraud" through the "phone" channel
      And the same subscriber reports the caller again as "fraud" through the "web" channel with another text
      Then the repeat is answered 201 with the first report's ticket id, marked duplicate
      And the caller's number has 1 ticket

    @REP-DUP-001 @pics:REP-TKT
    Scenario: Reports of the same number by two reporters open two tickets
      When a subscriber reports the caller as "fraud" through the "phone" channel
      And another subscriber reports the caller as "fraud" through the "phone" channel
      Then the second report is answered 201 with a ticket id other than the first's, not marked duplicate
      And the caller's number has 2 tickets

  Rule: An Idempotency-Key makes a retry safe

    @REP-IDM-001 @pics:REP-IDEM
    Scenario: A retry with the same key and the same report is answered as the first
      When a subscriber reports the caller as "fraud" through the "app" channel with a new Idempotency-Key
      And the same report is sent again with the same Idempotency-Key
      Then the retry is answered 201 with the first report's ticket id, not marked duplicate
      And the caller's number has 1 ticket

    @REP-IDM-001 @pics:REP-IDEM
    Scenario: The same key with another report is refused 422 and takes nothing
      When a subscriber reports the caller as "fraud" through the "app" channel with a new Idempotency-Key
      And a report of another number is sent with the same Idempotency-Key
      Then that report is refused 422 with problem+json naming the field "Idempotency-Key"
      And the other number has no ticket
