<#include "_lib.ftli">
<#-- Sent to the agency when a case it holds is paid or put on hold: stop working it. -->
Recall of case ${notice.reference} from ${lender.name}, ${date(notice.date)}.
Borrower ${borrower.name}, ${loanRef}.
<#if debt.amountDue == 0>The debt is paid: every installment of the case is settled. Close the case and make no further contact.
<#else>The case is on hold at the lender (a dispute, a complaint or another review). Stop all contact with the borrower now and return the case file; ${lender.name} will tell you if the case comes back to you.
</#if>Questions: ${lender.complaints}.
