<#include "_lib.ftli">
<#-- 貸款機構擬向法院起訴的通知：說明的是打算，不得聲稱已經立案或已有案件。 -->
擬提起訴訟之通知（致${who}）
通知編號：${notice.reference}

${dearLetter}

${relationship()}截至${date(notice.date)}，該筆欠款已逾期${debt.dpd}天。
<#include "_history.ftli">

<#include "_amounts.ftli">

由於該筆欠款仍未清償，${lender.name}擬向有管轄權之法院提起訴訟，追償${amount(debt.amountDue)}，以及貸款契約約定和法律允許的利息與費用。我們不會在${date(notice.deadline)}之前起訴。目前尚未向任何法院提起訴訟；本通知由您的貸款機構發出，並非法院文書。

您仍可避免訴訟：請於${date(notice.deadline)}前還清上述款項（線上還款 ${payLink()}、「${lender.appName}」App，或銀行匯款並在附言中註明${notice.reference}），或在該日期前與我們聯絡，協商還款計畫。如您對該筆欠款有異議，請在該日期前以書面形式告知我們並註明上述編號；我們將在採取任何進一步行動之前予以查核。

聯絡方式：${lender.hotline}，${lender.email}，${lender.address?replace("\n", " ")}。申訴管道：${lender.complaints}。

${lender.name}
${date(notice.date)}
