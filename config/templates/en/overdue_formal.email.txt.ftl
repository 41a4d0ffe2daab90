<#include "_lib.ftli">
${dear},

FORMAL NOTICE OF OVERDUE PAYMENT
Reference: ${notice.reference}

${relationship()}
As of ${date(notice.date)} the debt is ${debt.dpd} days past due.

<#include "_amounts.ftli">

Please pay the total by ${date(notice.deadline)}. The formal notice is attached to this e-mail as a PDF.

HOW TO REPAY
- In full: ${payLink()}, or in the ${lender.appName} app under Loans > Repay.
- By bank transfer, quoting your loan number and the reference ${notice.reference}.
- In installments: contact us before ${date(notice.deadline)} and we will agree a repayment plan with you.
<#include "_schedule.ftli">
<#include "_history.ftli">

IF YOU DISAGREE
If you believe the amount is wrong or you have already paid, tell us at ${lender.hotline} or ${lender.email}, quoting ${notice.reference}. We will look into it and reply, and pause reminders about the amount in question meanwhile.

CREDIT REPORTING
We report repayment information to credit reporting agencies. This notice is our advance notice: if the overdue amount is not paid by ${date(notice.deadline)}, we may report this late payment, and it may appear on your credit record.

CONTACT US
Hotline: ${lender.hotline}
E-mail: ${lender.email}
Website: ${lender.website}
Complaints: ${lender.complaints}

If you have already paid, please accept our thanks and disregard this notice.

Yours sincerely,
${lender.name}

--
You are receiving this e-mail because you have a loan with ${lender.name}. To stop payment reminders by e-mail, write to ${lender.email} or turn off e-mail reminders in the ${lender.appName} app (Settings > Notifications).<#if notice.unsubscribe??> Or unsubscribe from e-mail reminders here: ${notice.unsubscribe}</#if>
