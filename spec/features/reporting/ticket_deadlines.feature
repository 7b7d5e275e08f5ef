@reporting @clock
Feature: Ticket steps and their deadlines in working days
  A ticket is forwarded to its department, answered by it, and the reporter told, in that order (POST
  /v1/tickets/{id}/forwarded, /answered, /notified), each within a number of working days of the step before
  (parameters forwardReportDays, answerReportDays and notifyReportDays: by default 3, 15 and 3). A deadline of N
  working days ends at 24:00 Beijing time of the Nth working day after the day of the step before; that day itself does
  not count. Working days are Monday to Friday, less the public holidays of the holiday calendar, plus its make-up
  working days (调休上班); the calendar is data, read and replaced one year at a time (GET and PUT
  /v1/reporting/calendars/{year}; a year the system holds no calendar of is answered 404 and has only weekends off).
  A ticket past the deadline of the step it waits for is listed by GET /v1/tickets/overdue with that stage.

  The suite reckons each deadline itself from the system's calendar and holds the system's to it.

  Background:
    Given a caller on a domestic carrier

  Rule: Deadlines are counted in working days from the day of the step before

    @REP-DDL-001 @pics:REP-FLOW
    Scenario: A report received on a Friday is due to be forwarded by the end of the third working day after it
      Given the test clock reads 10:00 Beijing time on a coming Friday
      When a subscriber reports the caller as "harassment" through the "phone" channel
      Then the ticket is due to be forwarded by the end of the working days for forwarding after the day it was received

    @REP-DDL-001 @pics:REP-FLOW
    Scenario: A forwarded ticket is due to be answered, and an answered one to be told, within their working days
      Given the test clock reads 10:00 Beijing time on a coming Friday
      When a subscriber reports the caller as "harassment" through the "phone" channel
      And the ticket is recorded as forwarded
      Then the ticket is due to be answered by the end of the working days for answering after the day it was forwarded
      When the ticket is recorded as answered
      Then the ticket is due to tell the reporter by the end of the working days for telling after the day it was answered

  Rule: Holidays of the calendar are not working days; its make-up working days are

    @REP-DDL-002 @pics:REP-CAL
    Scenario: Three public holidays and a make-up Saturday move the forwarding deadline
      Given the holiday calendar makes the Wednesday to Friday after a coming Tuesday public holidays and the Saturday after them a make-up working day
      And the test clock reads 10:00 Beijing time on that Tuesday
      When a subscriber reports the caller as "harassment" through the "phone" channel
      Then the ticket is due to be forwarded by the end of the working days for forwarding after the day it was received
      And that deadline falls after the three public holidays

    @REP-DDL-002 @pics:REP-CAL
    Scenario: A calendar year set through the API is the one the system answers
      Given the holiday calendar makes the Wednesday to Friday after a coming Tuesday public holidays and the Saturday after them a make-up working day
      Then the system's calendar of that year lists those three holidays and that make-up working day

  Rule: Tickets past a step's deadline are listed overdue, and only those

    @REP-DDL-003 @pics:REP-FLOW
    Scenario: A ticket not forwarded is listed overdue once its forwarding deadline has passed, until it is forwarded
      When a subscriber reports the caller as "harassment" through the "phone" channel
      And the test clock reaches one minute before the ticket's deadline
      Then the ticket is not listed overdue
      When the test clock passes the ticket's deadline
      Then the ticket is listed overdue at stage "forward"
      When the ticket is recorded as forwarded
      Then the ticket is not listed overdue

    @REP-DDL-003 @pics:REP-FLOW
    Scenario: A forwarded ticket not answered is listed overdue once its answer deadline has passed
      When a subscriber reports the caller as "fraud" through the "phone" channel
      And the ticket is recorded as forwarded
      And the test clock passes the ticket's deadline
      Then the ticket is listed overdue at stage "answer"

    @REP-DDL-003 @pics:REP-FLOW
    Scenario: An answered ticket whose reporter was not told is listed overdue once that deadline has passed, until they are
      When a subscriber reports the caller as "loans" through the "phone" channel
      And the ticket is recorded as forwarded
      And the ticket is recorded as answered
      And the test clock passes the ticket's deadline
      Then the ticket is listed overdue at stage "notify"
      When the ticket is recorded as notified
      Then the ticket is not listed overdue

  Rule: Steps are recorded in order

    @REP-STA-001 @pics:REP-FLOW
    Scenario: A ticket is forwarded, answered and its reporter told, each step with its time
      When a subscriber reports the caller as "harassment" through the "web" channel
      And the ticket is recorded as forwarded
      And the ticket is recorded as answered
      And the ticket is recorded as notified
      Then the ticket is in state "notified" with the time of each step, in order

    @REP-STA-001 @pics:REP-FLOW
    Scenario: A ticket cannot be answered before it is forwarded
      When a subscriber reports the caller as "harassment" through the "web" channel
      And the ticket is attempted to be recorded as answered
      Then the step is refused 409 with problem+json
      And the ticket is in state "received"
