<#include "_lib.ftli">
<#-- The content blocks of Regulation F's Model Form B-1 (12 CFR 1006.34). The validation period is taken to end
     35 days after the notice date (30 days after receipt, assuming receipt within 5 days). -->
<#assign validationEnd = ((notice.date?date("yyyy-MM-dd")?long + 35 * 86400000)?number_to_date)?string("MMMM d, yyyy")>
Validation Notice
Reference: ${notice.reference}

${lender.name} is trying to collect a debt that you owe. We will use any information you give us to help collect the debt.

Our information shows:
- You had a loan from ${lender.name} with account number ${installment.loanIdMasked}.
- As of ${date(notice.date)}, you owe (${debt.currency}):
- Principal: ${money(debt.principal)}
- Interest: ${money(debt.interest)}
- Fees: ${money(debt.fees)}
<#if debt.penalty?? && debt.penalty != 0>- Penalty interest: ${money(debt.penalty)}
</#if><#if debt.other??>- Other charges: ${money(debt.other)}
</#if><#if debt.paid??>- Paid so far: -${money(debt.paid)}
</#if>- Total amount of the debt now: ${money(debt.amountDue)}

How can you dispute the debt?
Call or write to us by ${validationEnd} to dispute all or part of the debt. If you do not, we will assume that our information is correct. If you write to us by ${validationEnd}, we must stop collection on any amount you dispute until we send you information that shows you owe the debt. You may also ask us for the name and address of the original creditor, if different from the current creditor; if you write by ${validationEnd}, we must stop collection until we send you that information.

What else can you do?
Write to ask for the name and address of the original creditor. Go to www.cfpb.gov/debt-collection to learn more about your rights under federal law. Contact us about your payment options: ${lender.hotline}, ${lender.email}.

How do you want to respond? Write to ${lender.address?replace("\n", ", ")} quoting ${notice.reference}, or call ${lender.hotline}.
- I want to dispute the debt because I think this is not my debt, the amount is wrong, or for another reason.
- I want you to send me the name and address of the original creditor.
- I enclosed this amount: ______

To stop receiving e-mails or text messages from us, write to ${lender.email} or call ${lender.hotline}.

${lender.name}
${date(notice.date)}
