@reporting
Feature: Who may follow and move a ticket
  A reporter follows the tickets of their own reports with their app's key (a public-reporter key) and only those:
  another reporter's key asking for the ticket is answered 404 with problem+json, as for a ticket that does not exist,
  so that a key learns nothing of others' reports. Only the carrier's operator records a ticket's steps; a
  reporter's key is refused 403. The target gives the suite two public reporters' keys
  (management.roleTokenVariables reporter and another-reporter).

  Background:
    Given a caller on a domestic carrier

  Rule: A reporter follows their own tickets and only theirs

    @REP-ACL-001 @pics:REP-ACL
    Scenario: The reporter reads the ticket of their report
      When the reporter's app reports the caller as "fraud"
      Then the reporter's key reads the ticket, in state "received"

    @REP-ACL-001 @pics:REP-ACL
    Scenario: Another reporter's key is answered 404 for it
      When the reporter's app reports the caller as "fraud"
      Then another reporter's key asking for the ticket is answered 404 with problem+json

  Rule: Only the carrier's operator records a ticket's steps

    @REP-ACL-002 @pics:REP-ACL
    Scenario: A reporter's key cannot record their ticket as forwarded
      When the reporter's app reports the caller as "fraud"
      Then the reporter's key recording the ticket as forwarded is refused 403 with problem+json
      And the ticket is in state "received"
